package org.openhall.kiosk.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openhall.kiosk.testing.RawHttp;

/** Section 6's stream limits on a real server: 16 streams at most, a non-reading client dropped, no caller blocked. */
class EventStreamLimitsTest {
    private TerminalServer server;
    private EventStream stream;
    private final List<RawHttp> clients = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = new TerminalServer("127.0.0.1", 0);
        stream = server.stream("/api/events", all -> all.broadcast("state", "{}"));
        server.start();
    }

    @AfterEach
    void stop() {
        clients.forEach(RawHttp::close);
        server.stop();
    }

    private RawHttp open() throws IOException {
        RawHttp client = new RawHttp("127.0.0.1", server.port());
        clients.add(client);
        client.output().write(RawHttp.get("/api/events", "127.0.0.1", "").getBytes(StandardCharsets.US_ASCII));
        assertThat(client.readAnswer().status()).isEqualTo(200);
        return client;
    }

    @Test
    void aSeventeenthStreamClosesTheOldest() throws IOException {
        List<RawHttp> first16 = new ArrayList<>();
        for (int i = 0; i < EventStream.MAX_CLIENTS; i++) {
            first16.add(open());
        }
        Awaitility.await().until(() -> stream.clients() == EventStream.MAX_CLIENTS);
        open();
        assertThat(first16.getFirst().closedWithin(3_000)).as("the oldest stream is closed").isTrue();
        assertThat(first16.get(1).closedWithin(300)).as("the others stay").isFalse();
        assertThat(stream.clients()).isEqualTo(EventStream.MAX_CLIENTS);
    }

    @Test
    void aClientThatStopsReadingIsDroppedAndBroadcastNeverWaitsForIt() throws Exception {
        try (Socket silent = new Socket()) {
            silent.setReceiveBufferSize(4096);
            silent.connect(new InetSocketAddress("127.0.0.1", server.port()));
            silent.getOutputStream().write(RawHttp.get("/api/events", "127.0.0.1", "").getBytes(StandardCharsets.US_ASCII));
            Awaitility.await().until(() -> stream.clients() == 1);
            String big = "\"" + "x".repeat(64 * 1024) + "\"";
            long started = System.nanoTime();
            long slowestBroadcastNanos = 0;
            while (stream.clients() > 0 && System.nanoTime() - started < 20_000_000_000L) {
                long before = System.nanoTime();
                stream.broadcast("state", big);
                slowestBroadcastNanos = Math.max(slowestBroadcastNanos, System.nanoTime() - before);
                Thread.sleep(200);
            }
            long droppedAfterMs = (System.nanoTime() - started) / 1_000_000;
            System.out.printf("stream: non-reading client dropped after %d ms of 64 KiB frames every 200 ms; slowest broadcast %.2f ms%n",
                    droppedAfterMs, slowestBroadcastNanos / 1e6);
            assertThat(stream.clients()).as("the silent client is dropped").isZero();
            assertThat(slowestBroadcastNanos).as("broadcast only queues").isLessThan(500_000_000L);
        }
    }
}

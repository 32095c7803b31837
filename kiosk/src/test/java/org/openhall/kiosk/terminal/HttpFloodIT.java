package org.openhall.kiosk.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhall.kiosk.testing.Http;
import org.openhall.kiosk.testing.KioskProcess;
import org.openhall.kiosk.testing.Mosquitto;
import org.openhall.kiosk.testing.MqttProbe;
import org.openhall.kiosk.testing.RawHttp;
import org.openhall.kiosk.testing.TestKiosk;

/**
 * Issue 11, item 2, against the daemon as the service runs it ({@code deploy/bin/kiosk}: -Xmx64m,
 * ExitOnOutOfMemoryError): 800 connections that send 60 KB of a 64 KiB body and stall, and 300 event-stream
 * clients that never read. A button press made over a connection opened before the flood must still become a
 * rating at the broker, health must keep answering over that connection, and afterwards the daemon is alive
 * and healthy. Prints RSS, threads and the press-to-broker latency (figures, not assertions).
 */
class HttpFloodIT {
    private static final int STALLERS = 800;
    private static final int STREAM_READERS_THAT_NEVER_READ = 300;
    private static final int DECLARED_BODY = 64 * 1024;
    private static final int SENT_BODY = 60 * 1024;
    /** Long enough for several rounds of the 10 s arrival deadline. */
    private static final int FLOOD_SECONDS = 25;

    @TempDir
    Path tmp;

    private Mosquitto broker;
    private MqttProbe probe;
    private KioskProcess daemon;
    private final ConcurrentLinkedQueue<Socket> flood = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void start() {
        broker = Mosquitto.start(tmp.resolve("broker"));
        probe = new MqttProbe(broker.url(), "kiosk/v1/test/flood-01/events/#");
        String toml = TestKiosk.baseToml("flood-01", tmp.resolve("data"), broker.url()) + TestKiosk.TWO_CATEGORIES + """
                [[evaluators]]
                window = "1"
                buttons = { satisfied = 5, dissatisfied = 6 }
                lockout_s = 0
                """;
        daemon = KioskProcess.startSimulated(tmp.resolve("daemon"), toml);
        Http http = daemon.http();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> http.get("/api/health").json().path("mqtt").asText().equals("connected"));
    }

    @AfterEach
    void stop() {
        flood.forEach(HttpFloodIT::closeQuietly);
        if (daemon != null) {
            if (!daemon.alive()) {
                String[] lines = daemon.log().split("\n");
                System.out.println("flood: the daemon died; its last lines:\n  "
                        + String.join("\n  ", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 4), lines.length)));
            }
            daemon.close();
        }
        if (probe != null) {
            probe.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aFloodOfStalledBodiesAndNonReadingStreamsNeitherKillsTheDaemonNorDelaysAButton() throws Exception {
        int port = daemon.port();
        long rssBefore = daemon.rssKb();
        long threadsBefore = daemon.threads();
        List<Long> latenciesMs = new ArrayList<>();
        long peakRss = rssBefore;
        long peakThreads = threadsBefore;
        try (RawHttp control = new RawHttp("127.0.0.1", port)) {
            String host = "127.0.0.1:" + port;
            assertThat(control.exchange(RawHttp.get("/api/health", host, "")).status()).isEqualTo(200);

            ExecutorService attackers = Executors.newVirtualThreadPerTaskExecutor();
            AtomicInteger stalled = new AtomicInteger();
            AtomicInteger streams = new AtomicInteger();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(FLOOD_SECONDS);
            for (int i = 0; i < STREAM_READERS_THAT_NEVER_READ; i++) {
                attackers.submit(() -> neverRead(port, host, streams, deadline));
            }
            Thread.sleep(1_500); // the streams first, or the stallers would hold every connection before them
            for (int i = 0; i < STALLERS; i++) {
                attackers.submit(() -> stall(port, host, stalled, deadline));
            }
            Thread.sleep(2_000); // the flood is on: the server is at its connection cap

            for (int press = 0; press < 6; press++) {
                long pressedAt = System.nanoTime();
                Http.Answer answer = control.exchange(RawHttp.post("/api/sim/press?pin=5&ms=80", host,
                        "Content-Type: application/json\r\n", ""));
                assertThat(answer.status()).as("the press is taken over the open connection").isEqualTo(200);
                int expected = press + 1;
                long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (probe.events("rating.submitted").size() < expected && System.nanoTime() < waitUntil) {
                    Thread.sleep(10);
                }
                if (probe.events("rating.submitted").size() < expected) {
                    String health = control.exchange(RawHttp.get("/api/health", host, "")).body();
                    throw new AssertionError("press " + expected + " not at the broker within 5 s (earlier, ms: " + latenciesMs
                            + "); health: " + health);
                }
                latenciesMs.add((System.nanoTime() - pressedAt) / 1_000_000);
                for (int poll = 0; poll < 3; poll++) { // health keeps answering, and keeps the connection in use
                    Thread.sleep(1_000);
                    JsonNode health = control.exchange(RawHttp.get("/api/health", host, "")).json();
                    assertThat(health.path("kiosk").asText()).isEqualTo("flood-01");
                    peakRss = Math.max(peakRss, daemon.rssKb());
                    peakThreads = Math.max(peakThreads, daemon.threads());
                }
            }
            System.out.printf("flood: %d stalled bodies sent (by %d attackers, again after each drop) and %d silent streams opened (of %d)%n",
                    stalled.get(), STALLERS, streams.get(), STREAM_READERS_THAT_NEVER_READ);
            attackers.shutdownNow();
            assertThat(attackers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(daemon.alive()).as("alive after the flood: " + daemon.log()).isTrue();
        flood.forEach(HttpFloodIT::closeQuietly);
        Http http = new Http(port);
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> http.get("/api/health").status() == 200);
        assertThat(daemon.alive()).isTrue();
        assertThat(daemon.log()).doesNotContain("OutOfMemoryError");
        System.out.printf("flood: press -> rating.submitted at the broker, ms: %s%n", latenciesMs);
        System.out.printf("flood: rss kB before %d, peak %d, after %d; threads before %d, peak %d, after %d%n",
                rssBefore, peakRss, daemon.rssKb(), threadsBefore, peakThreads, daemon.threads());
    }

    /**
     * Headers for a 64 KiB body, 60 KB of it, then nothing; when the server drops the connection, again, until
     * {@code deadline} (a sustained attack, not one wave).
     */
    private Void stall(int port, String host, AtomicInteger connected, long deadline) {
        String head = "POST /api/tickets HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\nContent-Length: "
                + DECLARED_BODY + "\r\n\r\n";
        byte[] body = new byte[SENT_BODY];
        java.util.Arrays.fill(body, (byte) ' ');
        while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
            Socket s = connect(port);
            if (s == null) {
                continue;
            }
            try {
                s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().write(body);
                connected.incrementAndGet();
                s.setSoTimeout(1_000);
                while (System.nanoTime() < deadline && s.getInputStream().read() >= 0) {
                    // an answer (there should be none before the drop): keep stalling
                }
            } catch (java.net.SocketTimeoutException stillHeld) {
                if (System.nanoTime() < deadline) {
                    awaitDrop(s, deadline);
                }
            } catch (IOException dropped) {
                // the server dropped us, as it should: go again
            }
            closeQuietly(s);
        }
        return null;
    }

    private static void awaitDrop(Socket s, long deadline) {
        try {
            while (System.nanoTime() < deadline) {
                try {
                    if (s.getInputStream().read() < 0) {
                        return;
                    }
                } catch (java.net.SocketTimeoutException stillHeld) {
                    // not yet
                }
            }
        } catch (IOException dropped) {
            // reset: dropped
        }
    }

    /** An event stream whose client never reads a byte (a tiny receive window fills at once). */
    private Void neverRead(int port, String host, AtomicInteger connected, long deadline) {
        while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
            Socket s = connect(port);
            if (s == null) {
                continue;
            }
            try {
                s.getOutputStream().write(RawHttp.get("/api/events", host, "Accept: text/event-stream\r\n").getBytes(StandardCharsets.US_ASCII));
                connected.incrementAndGet();
                return null;
            } catch (IOException dropped) {
                closeQuietly(s);
            }
        }
        return null;
    }

    private Socket connect(int port) {
        Socket s = new Socket();
        try {
            s.setReceiveBufferSize(4096);
            s.connect(new InetSocketAddress("127.0.0.1", port), 3_000);
            flood.add(s);
            return s;
        } catch (IOException refused) { // the kernel's queue is full: the attacker waits, the daemon does not
            closeQuietly(s);
            return null;
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}

package org.openhall.kiosk.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openhall.kiosk.json.Json;
import org.openhall.kiosk.tickets.CategoryQueue;

/** The event stream over a real socket, read the way a browser reads it: line by line. */
class LiveUpdatesIT {
    static final Json JSON = new Json();
    final AtomicInteger waiting = new AtomicInteger();
    final AtomicReference<String> printer = new AtomicReference<>("ok");
    final AtomicReference<String> mqtt = new AtomicReference<>("connected");
    final LiveUpdates live = new LiveUpdates(
            () -> List.of(new CategoryQueue("A", "综合受理", "General affairs", waiting.get())), printer::get, mqtt::get, JSON);
    final TerminalServer server = new TerminalServer("127.0.0.1", 0);
    final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    final BlockingQueue<String> frames = new LinkedBlockingQueue<>();

    @AfterEach
    void stop() {
        server.stop();
        timer.shutdownNow();
    }

    @Test
    void sendsTheStateOnConnectAndAfterwardsOnlyWhatChanged() throws Exception {
        live.register(server);
        server.start();
        live.start(timer);
        HttpResponse<Stream<String>> response = connect();
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));

        JsonNode first = nextState();
        assertThat(first.toString()).isEqualTo(
                "{\"queue\":[{\"code\":\"A\",\"name\":\"综合受理\",\"nameEn\":\"General affairs\",\"waiting\":0}],"
                        + "\"printer\":\"ok\",\"mqtt\":\"connected\",\"windows\":[],\"calls\":[]}");

        live.changed(); // a commit that changed nothing the page shows
        assertThat(frames.poll(500, TimeUnit.MILLISECONDS)).isNull();

        waiting.set(2);
        live.changed();
        assertThat(nextState().path("queue").get(0).path("waiting").asInt()).isEqualTo(2);

        printer.set("paper_out");
        live.changed();
        assertThat(nextState().path("printer").asText()).isEqualTo("paper_out");
    }

    @Test
    void anMqttChangeArrivesWithoutAnyCommit() throws Exception {
        live.register(server);
        server.start();
        live.start(timer);
        connect();
        nextState();

        mqtt.set("disconnected");
        JsonNode state = JSON.readTree(awaitFrame(LiveUpdates.CHECK_SECONDS * 2 + 2));
        assertThat(state.path("mqtt").asText()).isEqualTo("disconnected");
    }

    HttpResponse<Stream<String>> connect() throws Exception {
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/events")).build(),
                HttpResponse.BodyHandlers.ofLines());
        Thread.ofVirtual().start(() -> collect(response.body()));
        return response;
    }

    /** Keeps each "event: state" frame's data line. */
    void collect(Stream<String> lines) {
        String[] event = {""};
        lines.forEach(line -> {
            if (line.startsWith("event: ")) {
                event[0] = line.substring(7);
            } else if (line.startsWith("data: ") && event[0].equals("state")) {
                frames.add(line.substring(6));
            }
        });
    }

    JsonNode nextState() throws Exception {
        return JSON.readTree(awaitFrame(5));
    }

    String awaitFrame(long seconds) throws InterruptedException {
        String frame = frames.poll(seconds, TimeUnit.SECONDS);
        assertThat(frame).as("a state frame within %d s", seconds).isNotNull();
        return frame;
    }
}

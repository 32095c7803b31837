package org.openhall.kiosk.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhall.kiosk.testing.FreePort;
import org.openhall.kiosk.testing.Http;
import org.openhall.kiosk.testing.Mosquitto;
import org.openhall.kiosk.testing.MqttProbe;
import org.openhall.kiosk.testing.TestKiosk;

/**
 * Calling on the whole daemon under --simulate, with a real mosquitto: caller keys pressed through the simulated
 * pins, the clerk API with and without its token, and the shipped jar killed with SIGKILL between a call and its
 * completion.
 */
class CallingOnTheDaemonIT {
    private static final Duration WAIT = Duration.ofSeconds(15);
    static final String TOKEN = "clerk-token-of-window-1";

    @TempDir
    Path tmp;
    private Mosquitto broker;
    private MqttProbe centre;
    private final List<Process> started = new ArrayList<>();

    static String hall(Path tokenFile) {
        return TestKiosk.TWO_CATEGORIES + """
                [[windows]]
                id = "1"
                categories = ["A"]
                caller = { next = 16, recall = 12, no_show = 7, pause = 8 }
                token_file = "%s"
                [[windows]]
                id = "2"
                name = "二号窗口"
                categories = ["B"]
                caller = { next = 20 }
                """.formatted(tokenFile);
    }

    private Path tokenFile() throws IOException {
        return Files.writeString(tmp.resolve("window-1.token"), TOKEN + "\n");
    }

    @BeforeEach
    void startBroker() {
        broker = Mosquitto.start(tmp.resolve("broker"));
    }

    @AfterEach
    void stop() {
        started.forEach(Process::destroyForcibly);
        if (centre != null) {
            centre.close();
        }
        broker.close();
    }

    private static void press(TestKiosk kiosk, int pin, int ms, int bounces) {
        Http.Answer a = kiosk.http().post("/api/sim/press?pin=" + pin + "&ms=" + ms + "&bounces=" + bounces, "");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
    }

    /** Distinct events of a type (delivery is at-least-once: one seq is one event). */
    private List<JsonNode> events(String type) {
        Map<Long, JsonNode> bySeq = new TreeMap<>();
        centre.events(type).forEach(e -> bySeq.putIfAbsent(e.get("seq").asLong(), e.get("data")));
        return List.copyOf(bySeq.values());
    }

    private static void issue(Http http, String category) {
        assertThat(http.post("/api/tickets", "{\"category\":\"" + category + "\"}").status()).isEqualTo(201);
    }

    @Test
    void callerKeysCallTheRightTicketsForTheirWindowAndAHeldKeyIsOnePress() throws Exception {
        try (TestKiosk kiosk = TestKiosk.start("hall-c", tmp.resolve("data"), broker.url(), hall(tokenFile()))) {
            centre = new MqttProbe(broker.url(), kiosk.topicRoot() + "/events/#");
            issue(kiosk.http(), "A");
            issue(kiosk.http(), "B");
            issue(kiosk.http(), "A");

            press(kiosk, 20, 80, 0);
            centre.awaitEvent("ticket.called", e -> e.get("data").get("window").asText().equals("2"), WAIT);
            press(kiosk, 16, 1_500, 4); // held a second and a half, bouncing: one call
            centre.awaitEvent("ticket.called", e -> e.get("data").get("window").asText().equals("1"), WAIT);
            Thread.sleep(2_000);
            assertThat(events("ticket.called")).extracting(d -> d.get("number").asText() + "@" + d.get("window").asText()
                    + " " + d.get("channel").asText()).containsExactly("B001@2 button", "A001@1 button");

            press(kiosk, 12, 80, 0);
            centre.awaitEvent("ticket.called", e -> e.get("data").get("recall").asBoolean(), WAIT);
            press(kiosk, 7, 80, 0);
            centre.awaitEvent("ticket.no_show", e -> e.get("data").get("number").asText().equals("A001"), WAIT);
            press(kiosk, 8, 80, 0);
            centre.awaitEvent("window.paused", e -> true, WAIT);
            press(kiosk, 16, 80, 0); // paused: calls nothing
            Thread.sleep(500);
            press(kiosk, 8, 80, 0);
            centre.awaitEvent("window.resumed", e -> true, WAIT);
            press(kiosk, 16, 80, 0);
            centre.awaitEvent("ticket.called", e -> e.get("data").get("number").asText().equals("A002"), WAIT);
            assertThat(events("ticket.called")).hasSize(4);
            assertThat(kiosk.http().get("/api/windows/1").json().get("called").asText()).isEqualTo("A002");
        }
    }

    @Test
    void theClerkApiNeedsTheWindowsTokenAndThenCallsRecallsNoShowsTransfersAndPauses() throws Exception {
        try (TestKiosk kiosk = TestKiosk.start("hall-k", tmp.resolve("data"), broker.url(), hall(tokenFile()))) {
            centre = new MqttProbe(broker.url(), kiosk.topicRoot() + "/events/#");
            Http http = kiosk.http();
            String auth = "Bearer " + TOKEN;
            issue(http, "A");
            issue(http, "A");
            issue(http, "B");

            assertThat(http.post("/api/windows/1/next", "{}").status()).isEqualTo(401);
            assertThat(http.post("/api/windows/1/next", "{}", "Authorization", "Bearer wrong-token").json().get("error")
                    .asText()).isEqualTo("unauthorized");
            assertThat(http.post("/api/windows/2/next", "{}", "Authorization", auth).status())
                    .as("window 2 has no token file: no clerk page").isEqualTo(401);
            assertThat(http.post("/api/windows/9/next", "{}", "Authorization", auth).json().get("error").asText())
                    .isEqualTo("unknown_window");
            assertThat(http.get("/api/windows/1").json().get("called").isNull()).as("nothing changed").isTrue();

            Http.Answer next = http.post("/api/windows/1/next", "{}", "Authorization", auth);
            assertThat(next.status()).isEqualTo(200);
            assertThat(next.json().get("number").asText()).isEqualTo("A001");
            assertThat(http.post("/api/windows/1/recall", "", "Authorization", auth).json().get("number").asText())
                    .isEqualTo("A001");
            assertThat(http.post("/api/windows/1/no-show", "{}", "Authorization", auth).json().get("number").asText())
                    .isEqualTo("A001");
            Http.Answer nothing = http.post("/api/windows/1/recall", "{}", "Authorization", auth);
            assertThat(nothing.status()).isEqualTo(409);
            assertThat(nothing.json().get("error").asText()).isEqualTo("nothing_called");
            assertThat(http.post("/api/windows/1/next", "{\"number\":\"A001\"}", "Authorization", auth).json()
                    .get("number").asText()).as("the late resident").isEqualTo("A001");
            assertThat(http.post("/api/windows/1/transfer", "{\"category\":\"Z\"}", "Authorization", auth).status())
                    .isEqualTo(400);
            assertThat(http.post("/api/windows/1/transfer", "{\"category\":\"B\"}", "Authorization", auth).json()
                    .get("number").asText()).isEqualTo("A001");
            assertThat(http.get("/api/queue").json().get("categories").get(1).get("waiting").asInt()).isEqualTo(2);
            assertThat(http.post("/api/windows/1/pause", "{}", "Authorization", auth).status()).isEqualTo(200);
            Http.Answer paused = http.post("/api/windows/1/next", "{}", "Authorization", auth);
            assertThat(paused.status()).isEqualTo(409);
            assertThat(paused.json().get("error").asText()).isEqualTo("window_paused");
            assertThat(http.post("/api/windows/1/resume", "{}", "Authorization", auth).json().get("paused").asBoolean())
                    .isFalse();
            assertThat(http.post("/api/windows/1/next", "{}", "Authorization", auth).json().get("number").asText())
                    .isEqualTo("A002");
            assertThat(http.post("/api/windows/1/complete", "{}", "Authorization", auth).status()).isEqualTo(200);
            Http.Answer empty = http.post("/api/windows/1/next", "{}", "Authorization", auth);
            assertThat(empty.status()).isEqualTo(409);
            assertThat(empty.json().get("error").asText()).isEqualTo("queue_empty");
            assertThat(http.post("/api/windows/1/dance", "{}", "Authorization", auth).status()).isEqualTo(404);
            assertThat(http.post("/api/windows/1/next", "{\"colour\":\"red\"}", "Authorization", auth).status())
                    .as("undeclared field").isEqualTo(400);

            JsonNode calls = http.get("/api/calls?limit=3").json().get("calls");
            assertThat(calls).hasSize(3);
            assertThat(calls.get(0).get("number").asText()).isEqualTo("A002");
            assertThat(calls.get(0).get("windowName").asText()).isEqualTo("1号窗口");
            assertThat(http.get("/api/calls?limit=0").status()).isEqualTo(400);

            HttpResponse<byte[]> voice = getBytes(kiosk.kiosk().httpPort(), "/api/voice?number=A002&window=1");
            assertThat(voice.statusCode()).isEqualTo(200);
            assertThat(voice.headers().firstValue("Content-Type")).hasValue("audio/wav");
            try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(voice.body()))) {
                assertThat(in.getFormat().getSampleRate()).isEqualTo(22_050f);
                assertThat(in.getFrameLength() / in.getFormat().getFrameRate()).as("chime and speech").isGreaterThan(2.5f);
            }
            assertThat(getBytes(kiosk.kiosk().httpPort(), "/api/voice?number=A002&window=9").statusCode()).isEqualTo(400);
            assertThat(getBytes(kiosk.kiosk().httpPort(), "/api/voice?number=x&window=1").statusCode()).isEqualTo(400);

            centre.awaitEvent("ticket.completed", e -> true, WAIT);
            assertThat(events("ticket.called")).extracting(d -> d.get("number").asText() + " " + d.get("channel").asText()
                    + (d.get("recall").asBoolean() ? " recall" : "")).containsExactly("A001 counter", "A001 counter recall",
                    "A001 counter", "A002 counter");
            assertThat(events("ticket.no_show")).hasSize(1);
            assertThat(events("ticket.transferred").getFirst().get("toCategory").asText()).isEqualTo("B");
            assertThat(events("window.paused")).hasSize(1);
            assertThat(events("window.resumed")).hasSize(1);
        }
    }

    @Test
    void aKilledDaemonStillKnowsWhoIsCalledWhereAndCompletesItAfterRestart() throws Exception {
        int port = FreePort.pick();
        Path config = Files.writeString(tmp.resolve("kiosk.toml"),
                TestKiosk.baseToml("hall-9", tmp.resolve("data"), broker.url()).replace("127.0.0.1:0", "127.0.0.1:" + port)
                        + hall(tokenFile()));
        centre = new MqttProbe(broker.url(), "kiosk/v1/test/hall-9/events/#");
        Http http = new Http(port);
        String auth = "Bearer " + TOKEN;

        Process first = launch(config);
        awaitReady(http);
        issue(http, "A");
        assertThat(http.post("/api/windows/1/next", "{}", "Authorization", auth).json().get("number").asText()).isEqualTo("A001");
        first.destroyForcibly(); // SIGKILL
        assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();

        launch(config);
        awaitReady(http);
        assertThat(http.get("/api/windows/1").json().get("called").asText()).isEqualTo("A001");
        Http.Answer done = http.post("/api/windows/1/complete", "{}", "Authorization", auth);
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.json().get("number").asText()).isEqualTo("A001");
        centre.awaitEvent("ticket.completed", e -> e.get("data").get("number").asText().equals("A001"), WAIT);
        assertThat(events("ticket.called")).extracting(d -> d.get("number").asText()).containsExactly("A001");
    }

    private static HttpResponse<byte[]> getBytes(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private Process launch(Path config) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-XX:+ExitOnOutOfMemoryError", "-jar", System.getProperty("kiosk.jar", "target/kiosk.jar"),
                "run", "--simulate", "--config", config.toString());
        Process p = new ProcessBuilder(command).directory(tmp.toFile())
                .redirectOutput(ProcessBuilder.Redirect.appendTo(tmp.resolve("stdout.txt").toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(tmp.resolve("stderr.txt").toFile())).start();
        started.add(p);
        return p;
    }

    private static void awaitReady(Http http) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> http.get("/api/health").status() == 200);
    }
}

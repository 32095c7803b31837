package org.openhall.kiosk.ratings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhall.kiosk.app.Kiosk;
import org.openhall.kiosk.testing.Http;
import org.openhall.kiosk.testing.Mosquitto;
import org.openhall.kiosk.testing.MqttProbe;
import org.openhall.kiosk.testing.TestKiosk;

/**
 * The whole daemon under --simulate: presses go in through POST /api/sim/press (Pi4J mock pins, our adapter,
 * debounce, rules, outbox) and the events are read back from a real mosquitto.
 */
class EvaluatorsOnTheDaemonIT {
    private static final String EVALUATORS = """
            [[evaluators]]
            window = "1"
            buttons = { very_satisfied = 5, satisfied = 6, basically_satisfied = 13, dissatisfied = 19, very_dissatisfied = 26 }
            led_ok = 20
            led_busy = 21
            lockout_s = 0

            [[evaluators]]
            window = "2"
            buttons = { satisfied = 23, dissatisfied = 24 }
            lockout_s = 2
            """;
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path tmp;
    private Mosquitto broker;
    private MqttProbe centre;
    private TestKiosk kiosk;

    @BeforeEach
    void start() {
        broker = Mosquitto.start(tmp.resolve("broker"));
        kiosk = TestKiosk.start("hall-r", tmp.resolve("data"), broker.url(), EVALUATORS);
        centre = new MqttProbe(broker.url(), kiosk.topicRoot() + "/events/#");
    }

    @AfterEach
    void stop() {
        centre.close();
        kiosk.close();
        broker.close();
    }

    private void press(int pin, int ms, int bounces) {
        Http.Answer answer = kiosk.http().post("/api/sim/press?pin=" + pin + "&ms=" + ms + "&bounces=" + bounces, "");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().get("pin").asInt()).isEqualTo(pin);
    }

    /**
     * The distinct ratings of a window as a collector sees them: delivery is at-least-once, so a redelivered
     * envelope (same seq and id) is one event; two envelopes for one press would carry two seqs.
     */
    private List<JsonNode> ratings(String window) {
        return distinct(centre.events("rating.submitted")).stream().map(e -> e.get("data"))
                .filter(d -> d.get("window").asText().equals(window)).toList();
    }

    private static List<JsonNode> distinct(List<JsonNode> envelopes) {
        Map<Long, JsonNode> bySeq = new java.util.TreeMap<>();
        for (JsonNode e : envelopes) {
            JsonNode earlier = bySeq.putIfAbsent(e.get("seq").asLong(), e);
            if (earlier != null) {
                assertThat(e.get("id")).as("a redelivery keeps its id").isEqualTo(earlier.get("id"));
                System.err.println("redelivered: seq " + e.get("seq"));
            }
        }
        return List.copyOf(bySeq.values());
    }

    private List<JsonNode> alerts() {
        return distinct(centre.events("alert"));
    }

    private void awaitRatings(String window, int count) {
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> ratings(window).size() >= count);
    }

    private static void sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }

    @Test
    void eachOfTheFiveButtonsYieldsExactlyOneEventWithItsLevelScoreAndVerdict() throws InterruptedException {
        int[] pins = {5, 6, 13, 19, 26};
        for (int i = 0; i < pins.length; i++) {
            press(pins[i], 80, 3);
            awaitRatings("1", i + 1);
            sleep(150); // let the simulated press end before the next
        }
        sleep(500);

        assertThat(ratings("1")).extracting(d -> d.get("level").asText() + " " + d.get("score").asInt() + " "
                + d.get("verdict").asText() + " " + d.get("channel").asText()).containsExactly(
                "very_satisfied 5 good button", "satisfied 4 good button", "basically_satisfied 3 good button",
                "dissatisfied 2 bad button", "very_dissatisfied 1 bad button");
        List<JsonNode> alerts = alerts();
        assertThat(alerts).extracting(e -> e.get("data").get("kind").asText()).containsExactly("bad_rating", "bad_rating");
        assertThat(kiosk.kiosk().ratings().ratingsToday()).isEqualTo(5);
    }

    @Test
    void bouncesCountOncePressesInsideTheLockoutAreIgnoredAndAStuckButtonAlertsOnce() throws InterruptedException {
        press(23, 80, 20);
        awaitRatings("2", 1);
        sleep(150);
        press(24, 80, 5); // inside the 2 s lockout
        sleep(600);
        assertThat(ratings("2")).hasSize(1);

        sleep(1_500); // lockout over
        press(24, 11_000, 2); // held past 10 s
        JsonNode stuck = centre.awaitEvent("alert", e -> e.get("data").get("kind").asText().equals("stuck_button"), WAIT);
        assertThat(stuck.get("data").get("message").asText()).contains("window 2", "dissatisfied", "BCM 24");
        sleep(1_500); // released by now

        assertThat(ratings("2")).extracting(d -> d.get("level").asText()).containsExactly("satisfied", "dissatisfied");
        assertThat(alerts()).extracting(e -> e.get("data").get("kind").asText())
                .containsExactlyInAnyOrder("bad_rating", "stuck_button");
    }

    @Test
    void servingAttributesTheNextRatingsUntilTheNextCall() throws Exception {
        kiosk.kiosk().ratings().serving("1", "A001", "0042");
        press(6, 80, 0);
        awaitRatings("1", 1);
        sleep(150);
        kiosk.kiosk().ratings().called("1", "A002");
        press(5, 80, 0);
        awaitRatings("1", 2);

        List<JsonNode> rated = ratings("1");
        assertThat(rated.get(0).get("ticket").asText()).isEqualTo("A001");
        assertThat(rated.get(0).get("staff").asText()).isEqualTo("0042");
        assertThat(rated.get(1).get("ticket").asText()).isEqualTo("A002");
        assertThat(rated.get(1).get("staff").isNull()).isTrue();
    }

    @Test
    void theTouchFallbackFollowsTheSameRules() {
        Http http = kiosk.http();
        Http.Answer ok = http.post("/api/ratings", "{\"window\":\"2\",\"level\":\"satisfied\"}");
        assertThat(ok.status()).isEqualTo(201);
        assertThat(ok.json().get("score").asInt()).isEqualTo(4);
        assertThat(ok.json().get("channel").asText()).isEqualTo("terminal");
        assertThat(http.post("/api/ratings", "{\"window\":\"2\",\"level\":\"satisfied\"}").body())
                .isEqualTo("{\"error\":\"locked_out\"}");
        assertThat(http.post("/api/ratings", "{\"window\":\"2\",\"level\":\"satisfied\"}").status()).isEqualTo(429);
        assertThat(http.post("/api/ratings", "{\"window\":\"9\",\"level\":\"satisfied\"}").status()).isEqualTo(400);
        assertThat(http.post("/api/ratings", "{\"window\":\"1\",\"level\":\"great\"}").body())
                .isEqualTo("{\"error\":\"unknown_level\"}");
        assertThat(http.post("/api/ratings", "[1,2]").status()).isEqualTo(400);
        for (String bad : java.util.List.of("{\"window\":\"1\",\"level\":\"satisfied\"}x",
                "{\"window\":\"1\",\"level\":\"satisfied\",\"level\":\"dissatisfied\"}",
                "{\"window\":\"1\",\"level\":\"satisfied\",\"staff\":\"007\"}")) {
            assertThat(http.post("/api/ratings", bad)).as(bad).isEqualTo(new Http.Answer(400, "{\"error\":\"invalid_argument\"}"));
        }
        assertThat(http.post("/api/ratings", "text/plain", "{\"window\":\"1\",\"level\":\"satisfied\"}").status()).isEqualTo(415);

        awaitRatings("2", 1);
        assertThat(ratings("2")).hasSize(1);
    }

    @Test
    void theSimulatorRefusesPinsThatAreNotConfiguredAndBadParameters() {
        Http http = kiosk.http();
        assertThat(http.post("/api/sim/press?pin=4", "").status()).isEqualTo(400);
        assertThat(http.post("/api/sim/press?pin=five", "").status()).isEqualTo(400);
        assertThat(http.post("/api/sim/press?pin=5&ms=-1", "").status()).isEqualTo(400);
        assertThat(http.post("/api/sim/press?pin=5&bounces=1000", "").body()).isEqualTo("{\"error\":\"invalid_argument\"}");
        assertThat(http.post("/api/sim/press?pin=5&ms=2000", "").status()).isEqualTo(200);
        assertThat(http.post("/api/sim/press?pin=5&ms=80", "").status()).isEqualTo(409);
    }

    @Test
    void withoutSimulateTheSimEndpointDoesNotExist() throws Exception {
        var config = TestKiosk.config(TestKiosk.baseToml("hall-real", tmp.resolve("real"), broker.url()));
        Kiosk real = new Kiosk(config, false, Clock.system(ZoneId.of("Asia/Shanghai")), "test", Map.of());
        real.start();
        try {
            Http.Answer answer = new Http(real.httpPort()).post("/api/sim/press?pin=5", "");
            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.json().get("error").asText()).isEqualTo("not_found");
        } finally {
            real.stop();
        }
    }
}

package org.openhall.kiosk.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhall.kiosk.testing.Mosquitto;
import org.openhall.kiosk.testing.MqttProbe;
import org.openhall.kiosk.testing.TestKiosk;

/** The queue and service commands end to end: a real broker, a whole kiosk, its simulated printer. */
class QueueCommandsIT {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String ROOT = "kiosk/v1/test/desk-01";
    private static final String DEVICES = TestKiosk.TWO_CATEGORIES + """
            [[evaluators]]
            window = "1"
            buttons = { satisfied = 5, dissatisfied = 6 }
            lockout_s = 0
            require_invite = true
            invite_s = 60
            """;

    @TempDir
    Path tmp;

    private Mosquitto broker;
    private MqttProbe centre;
    private TestKiosk kiosk;
    private int ids;

    @BeforeEach
    void start() {
        broker = Mosquitto.start(tmp.resolve("broker"));
        centre = new MqttProbe(broker.url(), ROOT + "/#");
        kiosk = startKiosk();
    }

    private TestKiosk startKiosk() {
        centre.clear();
        TestKiosk k = TestKiosk.start("desk-01", tmp.resolve("data"), broker.url(), DEVICES);
        centre.awaitCount(r -> r.topic().endsWith("/status") && r.text().contains("online"), 1, WAIT);
        return k;
    }

    @AfterEach
    void stop() {
        kiosk.close();
        centre.close();
        broker.close();
    }

    /** Sends a command and returns its result's data. */
    private JsonNode command(String name, String args) {
        String id = "q-" + ++ids;
        centre.publish(ROOT + "/cmd/" + name, "{\"id\":\"" + id + "\"" + (args.isEmpty() ? "" : "," + args) + "}");
        return centre.awaitEvent("command.result", e -> id.equals(e.path("data").path("command").asText(null)), WAIT).get("data");
    }

    private String take(String category, boolean priority) {
        var answer = kiosk.http().post("/api/tickets", "{\"category\":\"" + category + "\",\"priority\":" + priority + "}");
        assertThat(answer.status()).isEqualTo(201);
        return answer.json().get("number").asText();
    }

    private long waiting(String code) {
        for (JsonNode c : kiosk.http().get("/api/queue").json().get("categories")) {
            if (c.get("code").asText().equals(code)) {
                return c.get("waiting").asLong();
            }
        }
        throw new AssertionError("no category " + code);
    }

    @Test
    void callTakesPriorityFirstThenOldestAndAnnouncesIt() {
        assertThat(command("call", "\"window\":\"1\"").get("error").asText()).isEqualTo("queue_empty");
        String a1 = take("A", false);
        String b1 = take("B", false);
        String a2 = take("A", true);

        assertThat(command("call", "\"window\":\"1\"").get("result").get("number").asText()).isEqualTo(a2);
        assertThat(command("call", "\"window\":\"2\"").get("result").get("number").asText()).isEqualTo(a1);
        assertThat(command("call", "\"window\":\"3\",\"categories\":[\"A\"]").get("error").asText()).isEqualTo("queue_empty");
        assertThat(command("call", "\"window\":\"3\",\"categories\":[\"B\"]").get("result").get("number").asText()).isEqualTo(b1);

        JsonNode called = centre.awaitEvent("ticket.called", e -> e.get("data").get("number").asText().equals(a2), WAIT);
        assertThat(called.get("data").get("window").asText()).isEqualTo("1");
        assertThat(waiting("A")).isZero();
    }

    @Test
    void recallAnnouncesTheSameTicketAgain() {
        String a1 = take("A", false);
        command("call", "\"window\":\"4\"");
        assertThat(command("recall", "\"window\":\"4\"").get("result").get("number").asText()).isEqualTo(a1);
        centre.awaitCount(r -> r.topic().endsWith("/events/ticket.called") && r.text().contains(a1), 2, WAIT);
        assertThat(command("recall", "\"window\":\"5\"").get("error").asText()).isEqualTo("nothing_called");
    }

    @Test
    void aCallOpensTheInviteAndAttributesTheRatingToTheCalledTicket() {
        String a1 = take("A", false);
        var refused = kiosk.http().post("/api/ratings", "{\"window\":\"1\",\"level\":\"satisfied\"}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("error").asText()).isEqualTo("no_invite");

        command("call", "\"window\":\"1\"");
        var rated = kiosk.http().post("/api/ratings", "{\"window\":\"1\",\"level\":\"satisfied\"}");
        assertThat(rated.status()).isEqualTo(201);
        assertThat(rated.json().get("ticket").asText()).isEqualTo(a1);
        assertThat(kiosk.http().post("/api/ratings", "{\"window\":\"1\",\"level\":\"satisfied\"}").status())
                .as("one rating per invite").isEqualTo(409);
    }

    @Test
    void servingAttributesTicketAndStaffUntilReplaced() {
        JsonNode r = command("serving", "\"window\":\"1\",\"ticket\":\"B007\",\"staff\":\"emp-42\"");
        assertThat(r.get("ok").asBoolean()).isTrue();
        JsonNode rating = kiosk.http().post("/api/ratings", "{\"window\":\"1\",\"level\":\"dissatisfied\"}").json();
        assertThat(rating.get("ticket").asText()).isEqualTo("B007");
        assertThat(rating.get("staff").asText()).isEqualTo("emp-42");
        JsonNode event = centre.awaitEvent("rating.submitted", e -> true, WAIT).get("data");
        assertThat(event.get("staff").asText()).isEqualTo("emp-42");
        assertThat(command("serving", "\"window\":\"9\",\"ticket\":\"A1\"").get("error").asText()).isEqualTo("invalid_argument");
        assertThat(command("serving", "\"window\":\"1\"").get("message").asText()).startsWith("ticket");
    }

    @Test
    void reprintAndPrintTestUseThePrinter() throws Exception {
        String a1 = take("A", false);
        Path printed = tmp.resolve("data").resolve("sim-printer.bin");
        long before = Files.size(printed);
        assertThat(command("reprint", "\"number\":\"" + a1 + "\"").get("ok").asBoolean()).isTrue();
        long afterReprint = Files.size(printed);
        assertThat(afterReprint).isGreaterThan(before);
        assertThat(command("reprint", "\"number\":\"A999\"").get("error").asText()).isEqualTo("invalid_argument");
        assertThat(command("reprint", "\"number\":5").get("error").asText()).isEqualTo("invalid_argument");
        assertThat(command("print-test", "").get("ok").asBoolean()).isTrue();
        assertThat(Files.size(printed)).isGreaterThan(afterReprint);
    }

    @Test
    void categoriesTakeEffectAtOnceAndSurviveARestart() {
        JsonNode bad = command("categories", "\"categories\":[{\"code\":\"a\",\"name\":\"x\"}]");
        assertThat(bad.get("error").asText()).isEqualTo("invalid_argument");
        assertThat(bad.get("message").asText()).startsWith("categories[0].code");
        assertThat(kiosk.http().get("/api/queue").json().get("categories")).hasSize(2);

        JsonNode ok = command("categories",
                "\"categories\":[{\"code\":\"C\",\"name\":\"户籍证明\",\"name_en\":\"Household registration\"},{\"code\":\"A\",\"name\":\"综合受理\"}]");
        assertThat(ok.get("ok").asBoolean()).isTrue();
        assertThat(kiosk.http().post("/api/tickets", "{\"category\":\"C\",\"priority\":false}").status()).isEqualTo(201);
        assertThat(kiosk.http().post("/api/tickets", "{\"category\":\"B\",\"priority\":false}").status()).isEqualTo(400);

        kiosk.close();
        kiosk = startKiosk();
        JsonNode queue = kiosk.http().get("/api/queue").json().get("categories");
        assertThat(queue).extracting(c -> c.get("code").asText()).containsExactly("C", "A");
        assertThat(waiting("C")).isEqualTo(1);
    }

    @Test
    void aRejectedCommandChangesNothing() {
        take("A", false);
        assertThat(command("call", "\"window\":\"far too long a window name\"").get("error").asText()).isEqualTo("invalid_argument");
        assertThat(command("call", "\"window\":\"1\",\"categories\":[\"Z\"]").get("error").asText()).isEqualTo("invalid_argument");
        assertThat(command("call", "\"window\":\"1\",\"categories\":\"A\"").get("error").asText()).isEqualTo("invalid_argument");
        assertThat(waiting("A")).isEqualTo(1);
        assertThat(centre.events("ticket.called")).isEmpty();
    }
}

package org.openhall.kiosk.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhall.kiosk.testing.Mosquitto;
import org.openhall.kiosk.testing.MqttProbe;
import org.openhall.kiosk.testing.TestKiosk;

/** Commands over a real broker: results, errors, duplicates, expiry and commands queued while offline. */
class CommandsIT {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String ROOT = "kiosk/v1/test/cmd-01";

    @TempDir
    Path tmp;

    private Mosquitto broker;
    private MqttProbe centre;
    private TestKiosk kiosk;

    @BeforeEach
    void start() {
        broker = Mosquitto.start(tmp.resolve("broker"));
        centre = new MqttProbe(broker.url(), "kiosk/v1/test/cmd-01/#");
        kiosk = startKiosk();
    }

    private TestKiosk startKiosk() {
        TestKiosk k = TestKiosk.start("cmd-01", tmp.resolve("data"), broker.url(), "");
        centre.awaitCount(r -> r.topic().endsWith("/status") && r.text().contains("online"), 1, WAIT);
        return k;
    }

    @AfterEach
    void stop() {
        if (kiosk != null) {
            kiosk.close();
        }
        centre.close();
        broker.close();
    }

    private void send(String name, String payload) {
        centre.publish(ROOT + "/cmd/" + name, payload);
    }

    private JsonNode resultFor(String commandId) {
        return centre.awaitEvent("command.result", e -> commandId.equals(e.path("data").path("command").asText(null)), WAIT)
                .get("data");
    }

    private List<JsonNode> results() {
        return centre.events("command.result").stream().map(e -> e.get("data")).toList();
    }

    @Test
    void pingAnswersPong() {
        send("ping", "{\"id\":\"c-1\"}");
        JsonNode r = resultFor("c-1");
        assertThat(r.get("ok").asBoolean()).isTrue();
        assertThat(r.get("name").asText()).isEqualTo("ping");
        assertThat(r.get("result").get("pong").asBoolean()).isTrue();
    }

    @Test
    void telemetryCommandPublishesTelemetryNow() {
        send("telemetry", "{\"id\":\"t-1\"}");
        assertThat(resultFor("t-1").get("ok").asBoolean()).isTrue();
        JsonNode t = centre.awaitEvent("telemetry", e -> true, WAIT).get("data");
        assertThat(t.has("uptimeS")).isTrue();
        assertThat(t.get("outbox").has("depth")).isTrue();
        assertThat(t.get("mqtt").has("reconnects")).isTrue();
    }

    @Test
    void aRepeatedIdIsNotExecutedOrAnsweredAgain() throws Exception {
        send("ping", "{\"id\":\"dup-1\"}");
        resultFor("dup-1");
        send("ping", "{\"id\":\"dup-1\"}");
        send("ping", "{\"id\":\"after-dup\"}");
        resultFor("after-dup");
        assertThat(results()).filteredOn(r -> r.path("command").asText("").equals("dup-1")).hasSize(1);
    }

    @Test
    void malformedPayloadsYieldOneErrorResultEach() {
        send("ping", "not json");
        send("ping", "[1,2,3]");
        send("ping", "{\"noid\":true}");
        send("ping", "{\"id\":42}");
        centre.publish(ROOT + "/cmd/ping", new byte[70 * 1024], false);
        send("ping", "{\"id\":\"fine\"}");
        resultFor("fine");
        centre.awaitCount(r -> r.topic().endsWith("/events/command.result"), 6, WAIT);
        assertThat(results()).filteredOn(r -> !r.get("ok").asBoolean())
                .hasSize(5)
                .allSatisfy(r -> {
                    assertThat(r.get("error").asText()).isEqualTo("malformed");
                    assertThat(r.get("command").isNull()).isTrue();
                });
        assertThat(kiosk.http().get("/api/health").status()).isEqualTo(200);
    }

    /**
     * Another process holds the database's write lock (as a backup tool or a stuck query would) while a command
     * arrives: the intake cannot commit it, so it is not acknowledged; Paho drops the connection, the broker
     * delivers the command again after the reconnect, and once the lock is gone it runs, exactly once.
     */
    @Test
    void aCommandTheDatabaseCannotTakeIsNotAcknowledgedAndRunsWhenTheBrokerDeliversItAgain() throws Exception {
        Process sqlite = new ProcessBuilder("sqlite3", tmp.resolve("data").resolve("kiosk.db").toString()).redirectErrorStream(true).start();
        try (var in = sqlite.outputWriter(); var out = sqlite.inputReader()) {
            in.write("BEGIN IMMEDIATE;\nSELECT 'locked';\n");
            in.flush();
            assertThat(out.readLine()).isEqualTo("locked");
            long lockedAt = System.nanoTime();
            send("ping", "{\"id\":\"during-lock\"}");
            Thread.sleep(13_000); // longer than one intake attempt: SQLite's busy timeout (5 s), a retry, again 5 s
            assertThat(results()).as("nothing could be committed under the foreign lock").isEmpty();
            in.write("COMMIT;\n.quit\n");
            in.flush();
            assertThat(sqlite.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            JsonNode r = centre.awaitEvent("command.result", e -> "during-lock".equals(e.at("/data/command").asText()),
                    Duration.ofSeconds(30)).get("data");
            System.out.printf("command taken %d ms after the lock began%n", (System.nanoTime() - lockedAt) / 1_000_000);
            assertThat(r.get("ok").asBoolean()).isTrue();
        } finally {
            sqlite.destroyForcibly();
        }
        send("ping", "{\"id\":\"after-lock\"}");
        assertThat(resultFor("after-lock").get("ok").asBoolean()).isTrue();
        assertThat(results()).extracting(r -> r.get("command").asText()).containsExactly("during-lock", "after-lock");
        assertThat(centre.received()).filteredOn(r -> r.topic().endsWith("/status") && r.text().contains("online"))
                .as("the refused delivery cost one reconnect").hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void unknownCommandAndExpiredAreRefusedButACommandFromTheKiosksFutureRuns() {
        send("self-destruct", "{\"id\":\"u-1\"}");
        String old = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(11).toString();
        String future = OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(11).toString();
        String recent = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(2).toString();
        send("ping", "{\"id\":\"e-1\",\"issued\":\"" + old + "\"}");
        send("ping", "{\"id\":\"e-2\",\"issued\":\"" + future + "\"}");
        send("ping", "{\"id\":\"e-3\",\"issued\":\"" + recent + "\"}");
        send("ping", "{\"id\":\"e-4\",\"issued\":\"yesterday\"}");
        assertThat(resultFor("u-1").get("error").asText()).isEqualTo("unknown_command");
        assertThat(resultFor("e-1").get("error").asText()).isEqualTo("expired");
        assertThat(resultFor("e-2").get("ok").asBoolean()).as("the kiosk's clock may be behind").isTrue();
        assertThat(resultFor("e-3").get("ok").asBoolean()).isTrue();
        assertThat(resultFor("e-4").get("error").asText()).isEqualTo("invalid_argument");
        assertThat(resultFor("e-4").get("message").asText()).startsWith("issued");
    }

    @Test
    void commandsSentWhileTheKioskWasOfflineArriveWhenItReturns() {
        kiosk.close();
        kiosk = null;
        centre.clear();
        send("ping", "{\"id\":\"while-away-1\"}");
        send("ping", "{\"id\":\"while-away-2\"}");
        kiosk = startKiosk();
        assertThat(resultFor("while-away-1").get("ok").asBoolean()).isTrue();
        assertThat(resultFor("while-away-2").get("ok").asBoolean()).isTrue();
    }

}

package org.openhall.kiosk.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhall.kiosk.testing.Mosquitto;
import org.openhall.kiosk.testing.MqttProbe;
import org.openhall.kiosk.testing.TestKiosk;

/**
 * Hostile payloads over a real broker to every command of a whole kiosk with a queue and an evaluator:
 * one error result each, the daemon healthy, the queue untouched, a 10 MB payload included.
 */
class HostileCommandsIT {
    private static final String ROOT = "kiosk/v1/test/hostile-01";
    private static final List<String> NAMES = List.of("call", "recall", "reprint", "serving", "categories", "telemetry",
            "print-test", "ping", "CALL", "..x", "");

    @TempDir
    Path tmp;

    @Test
    void garbageOfEveryShapeLeavesTheKioskHealthyAndUnchanged() {
        Random random = new Random(7);
        try (Mosquitto broker = Mosquitto.start(tmp.resolve("broker"));
                MqttProbe centre = new MqttProbe(broker.url(), ROOT + "/events/#", ROOT + "/status");
                TestKiosk kiosk = TestKiosk.start("hostile-01", tmp.resolve("data"), broker.url(), """
                        [[queue.categories]]
                        code = "A"
                        name = "综合受理"
                        [[evaluators]]
                        window = "1"
                        buttons = { satisfied = 5, dissatisfied = 6 }
                        """)) {
            // commands are not retained: the kiosk must have subscribed before the flood starts
            centre.awaitCount(r -> r.topic().endsWith("/status") && r.text().contains("online"), 1, Duration.ofSeconds(15));
            assertThat(kiosk.http().post("/api/tickets", "{\"category\":\"A\",\"priority\":false}").status()).isEqualTo(201);
            int sent = 0;
            for (int i = 0; i < 2_000; i++) {
                String name = NAMES.get(random.nextInt(NAMES.size()));
                centre.publish(ROOT + "/cmd/" + (name.isEmpty() ? "x" : name), hostile(random, "h-" + i, name).getBytes(
                        java.nio.charset.StandardCharsets.UTF_8), false);
                sent++;
            }
            centre.publish(ROOT + "/cmd/call", new byte[10 * 1024 * 1024], false);
            sent++;
            int expected = sent;
            centre.awaitCount(r -> r.topic().endsWith("/events/command.result"), expected, Duration.ofSeconds(90));

            assertThat(centre.events("command.result")).hasSize(expected)
                    .allSatisfy(e -> assertThat(e.get("data").get("ok").asBoolean()).isFalse());
            assertThat(centre.events("ticket.called")).isEmpty();
            assertThat(centre.events("rating.submitted")).isEmpty();
            assertThat(kiosk.http().get("/api/health").status()).isEqualTo(200);
            assertThat(kiosk.http().get("/api/queue").json().get("categories").get(0).get("waiting").asInt()).isEqualTo(1);
            assertThat(kiosk.http().get("/api/queue").json().get("categories")).hasSize(1);
        }
    }

    /** Arguments that are always wrong for the command they go to, or no command at all. */
    private static String hostile(Random r, String id, String name) {
        String idPart = "\"id\":\"" + id + "\"";
        boolean succeedsWithAnyArgs = List.of("telemetry", "print-test", "ping").contains(name);
        return switch (succeedsWithAnyArgs ? 4 + r.nextInt(3) : r.nextInt(8)) {
            case 0 -> "{" + idPart + ",\"window\":" + List.of("1", "null", "\"\"", "\"" + "w".repeat(17) + "\"", "[]", "{}").get(r.nextInt(6)) + "}";
            case 1 -> "{" + idPart + ",\"window\":\"1\",\"categories\":" + List.of("\"A\"", "[1]", "[\"a\"]", "[\"Q\"]", "{}").get(r.nextInt(5)) + "}";
            case 2 -> "{" + idPart + ",\"number\":" + List.of("\"A999\"", "\"a001\"", "7", "\"\"", "\"A00\"").get(r.nextInt(5)) + "}";
            case 3 -> "{" + idPart + ",\"categories\":" + List.of("[]", "[{}]", "[{\"code\":\"A\"}]", "\"A\"", "[{\"code\":\"AB\",\"name\":\"x\"}]").get(r.nextInt(5)) + "}";
            case 4 -> "{" + idPart + ",\"issued\":\"" + List.of("2001-01-01T00:00:00Z", "2026-02-30T00:00:00Z", "never").get(r.nextInt(3)) + "\"}";
            case 5 -> "[" + idPart + "]";
            case 6 -> "{\"id\":" + r.nextInt() + "}";
            default -> "{" + idPart + "}";
        };
    }
}

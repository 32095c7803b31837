package org.openhall.kiosk.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhall.kiosk.testing.Mosquitto;
import org.openhall.kiosk.testing.MqttProbe;
import org.openhall.kiosk.testing.TestKiosk;

/** Garbage in kiosk.db: the daemon starts anyway, keeps the old file, says so, and seq never goes back. */
class CorruptDatabaseIT {
    private static final String T = "kiosk/v1/test/corrupt-01";

    @TempDir
    Path tmp;

    @Test
    void aCorruptDatabaseIsMovedAsideReplacedAndReportedWhileSeqContinues() throws Exception {
        Path data = tmp.resolve("data");
        try (Mosquitto broker = Mosquitto.start(tmp.resolve("broker"));
                MqttProbe centre = new MqttProbe(broker.url(), T + "/events/#", T + "/status")) {
            try (TestKiosk first = TestKiosk.start("corrupt-01", data, broker.url(), "")) {
                awaitOnline(centre, 1);
                for (int i = 0; i < 3; i++) {
                    centre.publish(T + "/cmd/ping", "{\"id\":\"before-" + i + "\"}");
                }
                centre.awaitCount(r -> r.topic().endsWith("/command.result"), 3, Duration.ofSeconds(15));
            }
            long oldMax = maxSeq(centre);
            byte[] garbage = new byte[16 * 1024];
            new Random(7).nextBytes(garbage);
            Files.write(data.resolve("kiosk.db"), garbage);

            try (TestKiosk second = TestKiosk.start("corrupt-01", data, broker.url(), "")) {
                assertThat(second.http().get("/api/health").status()).isEqualTo(200);
                JsonNode alert = centre.awaitEvent("alert", e -> e.at("/data/kind").asText().equals("database_corrupt"),
                        Duration.ofSeconds(15));
                assertThat(alert.get("seq").asLong()).as("seq continues above the old values").isEqualTo(oldMax + 1);
                List<Path> aside = corruptFiles(data);
                assertThat(aside).hasSize(1);
                assertThat(aside.getFirst().getFileName().toString()).matches("kiosk\\.db\\.corrupt-\\d{8}-\\d{6}");
                assertThat(Files.readAllBytes(aside.getFirst())).as("kept, never deleted").isEqualTo(garbage);
                assertThat(alert.at("/data/message").asText()).contains(aside.getFirst().getFileName().toString());
            }

            try (TestKiosk third = TestKiosk.start("corrupt-01", data, broker.url(), "")) {
                awaitOnline(centre, 3);
                centre.publish(T + "/cmd/ping", "{\"id\":\"after\"}");
                JsonNode result = centre.awaitEvent("command.result", e -> e.at("/data/command").asText().equals("after"),
                        Duration.ofSeconds(15));
                assertThat(result.get("seq").asLong()).isGreaterThan(oldMax + 1);
                assertThat(corruptFiles(data)).as("a healthy restart moves nothing").hasSize(1);
                assertThat(centre.events("alert")).filteredOn(e -> e.at("/data/kind").asText().equals("database_corrupt")).hasSize(1);
            }
        }
    }

    private static long maxSeq(MqttProbe centre) {
        return centre.received().stream().filter(r -> r.topic().contains("/events/"))
                .mapToLong(r -> r.json().get("seq").asLong()).max().orElseThrow();
    }

    /** Commands are not retained: send them only once the kiosk is connected and subscribed. */
    private static void awaitOnline(MqttProbe centre, int times) {
        centre.awaitCount(r -> r.topic().endsWith("/status") && r.text().contains("\"online\""), times, Duration.ofSeconds(15));
    }

    private static List<Path> corruptFiles(Path data) throws IOException {
        try (Stream<Path> files = Files.list(data)) {
            return files.filter(p -> p.getFileName().toString().matches("kiosk\\.db\\.corrupt-[0-9-]+")).toList();
        }
    }
}

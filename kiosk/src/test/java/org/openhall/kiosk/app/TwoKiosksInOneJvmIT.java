package org.openhall.kiosk.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhall.kiosk.testing.Mosquitto;
import org.openhall.kiosk.testing.MqttProbe;
import org.openhall.kiosk.testing.TestKiosk;

class TwoKiosksInOneJvmIT {
    @TempDir
    Path tmp;

    @Test
    void twoKiosksRunSideBySideEachWithItsOwnPresenceAndHealth() {
        try (Mosquitto broker = Mosquitto.start(tmp.resolve("broker"));
                MqttProbe centre = new MqttProbe(broker.url(), "kiosk/v1/test/+/status");
                TestKiosk a = TestKiosk.start("hall-a", tmp.resolve("a"), broker.url(), "");
                TestKiosk b = TestKiosk.start("hall-b", tmp.resolve("b"), broker.url(), "")) {

            centre.awaitCount(r -> r.text().contains("\"online\""), 2, Duration.ofSeconds(15));

            assertThat(a.http().get("/api/health").json().get("kiosk").asText()).isEqualTo("hall-a");
            assertThat(b.http().get("/api/health").json().get("kiosk").asText()).isEqualTo("hall-b");
            assertThat(a.http().get("/api/health").json().get("mqtt").asText()).isEqualTo("connected");
            assertThat(centre.received()).extracting(MqttProbe.Received::topic)
                    .contains("kiosk/v1/test/hall-a/status", "kiosk/v1/test/hall-b/status");
        }
    }

    @Test
    void aSecondDaemonOnTheSameDataDirIsRefused() {
        try (TestKiosk first = TestKiosk.start("hall-a", tmp.resolve("shared"), "tcp://127.0.0.1:1", "")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> TestKiosk.start("hall-b", tmp.resolve("shared"), "tcp://127.0.0.1:1", ""))
                    .hasMessageContaining("in use by another kiosk daemon");
            assertThat(first.http().get("/api/health").status()).isEqualTo(200);
        }
    }
}

package org.openhall.kiosk.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhall.kiosk.events.EventType;
import org.openhall.kiosk.mqtt.MqttLink;
import org.openhall.kiosk.testing.Mosquitto;
import org.openhall.kiosk.testing.MqttProbe;
import org.openhall.kiosk.testing.OutboxRig;
import org.openhall.kiosk.testing.TestKiosk;

/**
 * Acknowledged rows are deleted in batches to spare the SD card, but a row whose event carries a resident's
 * personal data (a parcel's registration) is deleted as soon as the broker has it.
 */
class PersonalDataDeletionIT {
    @TempDir
    Path tmp;

    @Test
    void aParcelRegistrationLeavesTheCardAsSoonAsTheBrokerHasItWhileOtherRowsWaitForTheirBatch() {
        try (Mosquitto broker = Mosquitto.start(tmp.resolve("broker"));
                MqttProbe centre = new MqttProbe(broker.url(), "kiosk/v1/test/rig-01/events/#");
                OutboxRig rig = OutboxRig.start(TestKiosk.config(TestKiosk.baseToml("rig-01", tmp.resolve("data"), broker.url())),
                        Clock.systemUTC(), MqttLink.RELAY_WINDOW)) {
            rig.append(EventType.TICKET_ISSUED, OutboxRig.data("number", "A001"));
            centre.awaitCount(r -> r.topic().endsWith("/ticket.issued"), 1, Duration.ofSeconds(20));
            Awaitility.await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                    .until(() -> rig.outbox().depth() == 0);
            assertThat(rows(rig)).as("an acknowledged ticket waits for its delete batch").isEqualTo(1);

            rig.append(EventType.PARCEL_REGISTERED, OutboxRig.data("number", "P20261202001"));
            centre.awaitCount(r -> r.topic().endsWith("/parcel.registered"), 1, Duration.ofSeconds(20));
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> rows(rig) == 0);
        }
    }

    private static long rows(OutboxRig rig) {
        return rig.database().inTransaction(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM outbox")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}

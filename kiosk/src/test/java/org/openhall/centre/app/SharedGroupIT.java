package org.openhall.centre.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhall.centre.testing.Api;
import org.openhall.centre.testing.CentreCli;
import org.openhall.centre.testing.CentreProcess;
import org.openhall.centre.testing.CentreToml;
import org.openhall.centre.testing.Envelopes;
import org.openhall.centre.testing.Postgres;
import org.openhall.kiosk.testing.FreePort;
import org.openhall.kiosk.testing.Mosquitto;
import org.openhall.kiosk.testing.MqttProbe;

/**
 * Two centre instances in one shared group on one PostgreSQL database: the events are shared between
 * them and each is stored once; one killed mid-stream loses nothing (what it had not acknowledged comes
 * back to it when it returns; mosquitto keeps a member's unacknowledged messages in its session).
 */
class SharedGroupIT {
    private static final int EVENTS = 600;

    @TempDir
    Path dir;

    @Test
    void eachEventIsStoredOnceAndAKilledMemberLosesNothing() throws Exception {
        try (Postgres db = Postgres.create();
                Mosquitto broker = Mosquitto.start(dir.resolve("broker"), "max_inflight_messages 1000")) {
            Files.writeString(dir.resolve("pw"), db.password());
            String database = "[database]\nurl = \"" + db.url() + "\"\nusername = \"" + db.user() + "\"\npassword_file = \""
                    + dir.resolve("pw") + "\"\n";
            int portA = FreePort.pick();
            int portB = FreePort.pick();
            Path a = dir.resolve("a.toml");
            Path b = dir.resolve("b.toml");
            Files.writeString(a, CentreToml.of("centre-a", dir.resolve("a"), broker.url(), portA, "shared_group = \"g\"\n" + database));
            Files.writeString(b, CentreToml.of("centre-b", dir.resolve("b"), broker.url(), portB, "shared_group = \"g\"\n" + database));
            String token = CentreCli.token(a.toString(), "viewer");
            Api apiA = new Api(portA, token);
            Api apiB = new Api(portB, token);
            try (CentreProcess centreA = CentreProcess.start(a, dir.resolve("a.log"))) {
                CentreProcess centreB = CentreProcess.start(b, dir.resolve("b.log"));
                awaitUp(apiA);
                awaitUp(apiB);
                try (MqttProbe kiosk = new MqttProbe(broker.url())) {
                    for (long s = 1; s <= EVENTS; s++) {
                        kiosk.publish("kiosk/v1/shared/k1/events/rating.submitted", Envelopes.rating("shared", "k1", s).json());
                        if (s == EVENTS / 2) {
                            centreB.kill9();
                            System.out.println("killed centre-b (kill -9) at seq " + s);
                        }
                    }
                }
                // ingest is asynchronous: A's share may still be on its way to the database when the last publish returns
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                        .until(() -> apiA.json("/api/health").path("ingest").path("stored").asLong() > 0);
                long storedByA = apiA.json("/api/health").path("ingest").path("stored").asLong();
                centreB = CentreProcess.start(b, dir.resolve("b.log"));
                awaitUp(apiB);
                await().atMost(Duration.ofSeconds(60)).until(() -> apiA.json("/api/kiosks/shared/k1").path("completeness")
                        .path("received").asLong() == EVENTS);
                JsonNode k = apiA.json("/api/kiosks/shared/k1");
                assertThat(k.path("missing").asLong()).isZero();
                assertThat(k.path("completeness").path("missing")).isEmpty();
                assertThat(k.path("completeness").path("conflicts").asLong()).isZero();
                assertThat(apiB.json("/api/events?limit=10000").path("events")).hasSize(EVENTS);
                System.out.println("centre-a stored " + storedByA + " of " + EVENTS + " before centre-b returned; duplicates "
                        + k.path("completeness").path("duplicates").asLong());
                assertThat(storedByA).isBetween(1L, (long) EVENTS - 1);
                centreB.stop();
            }
        }
    }

    private static void awaitUp(Api api) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> api.json("/api/health").path("mqtt").asText().equals("connected"));
    }
}

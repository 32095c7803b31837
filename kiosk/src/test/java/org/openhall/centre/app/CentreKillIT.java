package org.openhall.centre.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhall.centre.testing.Api;
import org.openhall.centre.testing.CentreCli;
import org.openhall.centre.testing.CentreProcess;
import org.openhall.centre.testing.CentreToml;
import org.openhall.centre.testing.Envelopes;
import org.openhall.kiosk.testing.FreePort;
import org.openhall.kiosk.testing.Mosquitto;
import org.openhall.kiosk.testing.MqttProbe;

/**
 * kill -9 of the centre (a child JVM from the jar) again and again while several kiosks publish a burst:
 * afterwards every event is stored exactly once and nothing is missing; the redeliveries are counted.
 */
class CentreKillIT {
    private static final int KIOSKS = 3;
    private static final int EVENTS = 400;
    private static final int KILLS = 3;

    @TempDir
    Path dir;

    @Test
    void everyEventIsStoredExactlyOnceThroughKillsDuringABurst() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"), "max_inflight_messages 1000")) {
            int port = FreePort.pick();
            Path config = dir.resolve("centre.toml");
            Files.writeString(config, CentreToml.of("centre-kill", dir.resolve("data"), broker.url(), port, ""));
            Api api = new Api(port, CentreCli.token(config.toString(), "viewer"));
            Path log = dir.resolve("centre.log");
            CentreProcess centre = CentreProcess.start(config, log);
            awaitUp(api);

            AtomicBoolean failed = new AtomicBoolean();
            List<Thread> publishers = new ArrayList<>();
            for (int k = 1; k <= KIOSKS; k++) {
                String kiosk = "k" + k;
                publishers.add(Thread.ofPlatform().start(() -> {
                    try (MqttProbe p = new MqttProbe(broker.url())) {
                        for (long s = 1; s <= EVENTS; s++) {
                            p.publish("kiosk/v1/burst/" + kiosk + "/events/rating.submitted", Envelopes.rating("burst", kiosk, s).json());
                            if (s % 10 == 0) {
                                Thread.sleep(30);
                            }
                        }
                    } catch (InterruptedException | RuntimeException e) {
                        failed.set(true);
                    }
                }));
            }
            for (int i = 0; i < KILLS; i++) {
                Thread.sleep(700 + 300L * i);
                centre.kill9();
                System.out.println("killed the centre (kill -9), round " + (i + 1));
                centre = CentreProcess.start(config, log);
                awaitUp(api);
            }
            for (Thread t : publishers) {
                t.join();
            }
            assertThat(failed).isFalse();
            await().atMost(Duration.ofSeconds(60)).until(() -> stored(api) == KIOSKS * EVENTS);
            for (int k = 1; k <= KIOSKS; k++) {
                JsonNode kiosk = api.json("/api/kiosks/burst/k" + k);
                assertThat(kiosk.path("lastSeq").asLong()).isEqualTo(EVENTS);
                assertThat(kiosk.path("missing").asLong()).isZero();
                assertThat(kiosk.path("completeness").path("received").asLong()).isEqualTo(EVENTS);
                assertThat(kiosk.path("completeness").path("missing")).isEmpty();
                assertThat(kiosk.path("completeness").path("conflicts").asLong()).isZero();
                System.out.println("k" + k + ": received " + EVENTS + ", duplicates counted "
                        + kiosk.path("completeness").path("duplicates").asLong());
            }
            assertThat(api.json("/api/events?limit=10000").path("events")).hasSize(KIOSKS * EVENTS);
            assertThat(centre.stop()).isZero();
        }
    }

    private static long stored(Api api) {
        long n = 0;
        for (JsonNode k : api.json("/api/kiosks").path("kiosks")) {
            n += k.path("lastSeq").asLong() - k.path("missing").asLong();
        }
        return n;
    }

    private static void awaitUp(Api api) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> api.json("/api/health").path("mqtt").asText().equals("connected"));
    }
}

package org.openhall.centre.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhall.centre.config.CentreConfigLoader;
import org.openhall.centre.testing.Api;
import org.openhall.centre.testing.CentreCli;
import org.openhall.centre.testing.CentreToml;
import org.openhall.kiosk.testing.FreePort;
import org.openhall.kiosk.testing.Http;
import org.openhall.kiosk.testing.Mosquitto;
import org.openhall.kiosk.testing.TestKiosk;

/**
 * Two real kiosk daemons (the jar, --simulate) and the centre on one broker: tickets and ratings flow, the
 * fleet shows both with their counts, a kiosk stopped cleanly and one killed both show offline.
 */
class FleetIT {
    @TempDir
    Path dir;

    @Test
    void twoKiosksFlowIntoTheFleetAndBothWaysOfStoppingShowOffline() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"), "max_inflight_messages 1000")) {
            int centrePort = FreePort.pick();
            Path config = dir.resolve("centre.toml");
            Files.writeString(config, CentreToml.of("centre-fleet", dir.resolve("centre"), broker.url(), centrePort, ""));
            Api api = new Api(centrePort, CentreCli.token(config.toString(), "admin"));
            Centre centre = new Centre(new CentreConfigLoader(Map.of()).load(config), Clock.systemUTC());
            centre.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> api.json("/api/health").path("mqtt").asText().equals("connected"));
            int port1 = FreePort.pick();
            int port2 = FreePort.pick();
            Process k1 = kiosk("k1", port1, broker.url());
            Process k2 = kiosk("k2", port2, broker.url());
            try {
                Http h1 = new Http(port1);
                Http h2 = new Http(port2);
                await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                        .until(() -> h1.get("/api/health").status() == 200 && h2.get("/api/health").status() == 200);
                assertThat(h1.post("/api/tickets", "{\"category\":\"A\"}").status()).isEqualTo(201);
                assertThat(h1.post("/api/tickets", "{\"category\":\"B\"}").status()).isEqualTo(201);
                assertThat(h2.post("/api/tickets", "{\"category\":\"A\"}").status()).isEqualTo(201);
                assertThat(h1.post("/api/ratings", "{\"window\":\"1\",\"level\":\"satisfied\"}").status()).isEqualTo(201);
                assertThat(h2.post("/api/ratings", "{\"window\":\"1\",\"level\":\"very_dissatisfied\"}").status()).isEqualTo(201);

                await().atMost(Duration.ofSeconds(30)).until(() -> online(api, "k1") && online(api, "k2"));
                for (String k : List.of("k1", "k2")) {
                    Api.Answer t = api.post("/api/kiosks/test/" + k + "/commands/telemetry", "");
                    assertThat(t.status()).as(t.body()).isEqualTo(200);
                    assertThat(t.json().path("ok").asBoolean()).isTrue();
                }
                await().atMost(Duration.ofSeconds(20)).until(() -> kiosk(api, "k1").path("ticketsToday").asInt() == 2
                        && kiosk(api, "k2").path("ticketsToday").asInt() == 1);
                JsonNode one = kiosk(api, "k1");
                assertThat(one.path("ratingsToday").asInt()).isEqualTo(1);
                assertThat(one.path("missing").asLong()).isZero();
                assertThat(one.path("printer").asText()).isEqualTo("ok");
                assertThat(kiosk(api, "k2").path("ratingsToday").asInt()).isEqualTo(1);
                assertThat(api.json("/api/events?site=test&type=ticket.issued").path("events")).hasSize(3);
                assertThat(api.json("/api/events?site=test&kiosk=k2&type=rating.submitted").path("events").path(0)
                        .path("data").path("level").asText()).isEqualTo("very_dissatisfied");

                k1.destroy(); // SIGTERM: a clean stop publishes "offline"
                k2.destroyForcibly(); // SIGKILL: the broker publishes the last will after the keepalive
                await().atMost(Duration.ofSeconds(30)).until(() -> state(api, "k1").equals("offline")
                        && state(api, "k2").equals("offline"));
                assertThat(api.json("/api/kiosks").path("kiosks")).hasSize(2);
            } finally {
                k1.destroyForcibly();
                k2.destroyForcibly();
                centre.stop();
            }
        }
    }

    private Process kiosk(String id, int port, String broker) throws Exception {
        Path data = dir.resolve(id);
        Path toml = dir.resolve(id + ".toml");
        Files.writeString(toml, TestKiosk.baseToml(id, data, broker).replace("127.0.0.1:0", "127.0.0.1:" + port)
                + TestKiosk.TWO_CATEGORIES + """
                [[evaluators]]
                window = "1"
                buttons = { satisfied = 5, dissatisfied = 6 }
                lockout_s = 0
                """);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx64m", "-XX:+ExitOnOutOfMemoryError", "-XX:TieredStopAtLevel=1", "-jar",
                System.getProperty("kiosk.jar", "target/kiosk.jar"), "run", "--config", toml.toString(), "--simulate")
                .redirectErrorStream(true).redirectOutput(dir.resolve(id + ".log").toFile()).start();
    }

    private static JsonNode kiosk(Api api, String id) {
        return api.json("/api/kiosks/test/" + id);
    }

    private static boolean online(Api api, String id) {
        return api.get("/api/kiosks/test/" + id).status() == 200 && state(api, id).equals("online");
    }

    private static String state(Api api, String id) {
        return kiosk(api, id).path("state").asText();
    }
}

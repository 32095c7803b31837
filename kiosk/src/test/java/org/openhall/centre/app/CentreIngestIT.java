package org.openhall.centre.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhall.centre.config.CentreConfigLoader;
import org.openhall.centre.testing.Api;
import org.openhall.centre.testing.CentreCli;
import org.openhall.centre.testing.CentreToml;
import org.openhall.centre.testing.Envelopes;
import org.openhall.kiosk.testing.FreePort;
import org.openhall.kiosk.testing.Mosquitto;
import org.openhall.kiosk.testing.MqttProbe;

/** The centre in this JVM against a real mosquitto and a real SQLite file; a test publisher plays the kiosk. */
class CentreIngestIT {
    private static final String T = "kiosk/v1/s1/k1";
    @TempDir
    Path dir;
    private Mosquitto broker;
    private Centre centre;
    private MqttProbe kiosk;
    private Api admin;
    private Api viewer;

    @BeforeEach
    void start() throws Exception {
        broker = Mosquitto.start(dir.resolve("broker"), "max_inflight_messages 1000");
        Path config = dir.resolve("centre.toml");
        Files.writeString(config, CentreToml.of("centre-it", dir.resolve("data"), broker.url(), FreePort.pick(),
                "[alarms]\noffline_after_s = 1\ngap_after_s = 1\nbacklog_events = 100\n"));
        admin = new Api(0, null); // replaced below once the port is known
        String adminToken = CentreCli.token(config.toString(), "admin");
        String viewerToken = CentreCli.token(config.toString(), "viewer");
        centre = new Centre(new CentreConfigLoader(java.util.Map.of()).load(config), Clock.systemUTC());
        centre.start();
        admin = new Api(centre.httpPort(), adminToken);
        viewer = new Api(centre.httpPort(), viewerToken);
        kiosk = new MqttProbe(broker.url(), T + "/cmd/#");
        await().atMost(Duration.ofSeconds(10)).until(() -> admin.json("/api/health").path("mqtt").asText().equals("connected"));
    }

    @AfterEach
    void stop() {
        if (kiosk != null) {
            kiosk.close();
        }
        if (centre != null) {
            centre.stop();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private void publish(long seq) {
        kiosk.publish(T + "/events/rating.submitted", Envelopes.rating("s1", "k1", seq).json());
    }

    private JsonNode k1() {
        return admin.json("/api/kiosks/s1/k1");
    }

    private JsonNode openAlarm(String kind) {
        for (JsonNode a : admin.json("/api/alarms?state=active").path("alarms")) {
            if (a.path("kind").asText().equals(kind) && a.path("kiosk").asText().equals("k1")) {
                return a;
            }
        }
        return null;
    }

    @Test
    void aHoleInSeqIsMissingAndAlarmedUntilItsEventsArriveLate() {
        for (long s = 1; s <= 10; s++) {
            publish(s);
        }
        for (long s = 13; s <= 20; s++) {
            publish(s);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> k1().path("lastSeq").asLong() == 20);
        JsonNode k = k1();
        assertThat(k.path("missing").asLong()).isEqualTo(2);
        assertThat(k.path("completeness").path("missing").toString()).isEqualTo("[[11,12]]");
        assertThat(k.path("completeness").path("received").asLong()).isEqualTo(18);
        await().atMost(Duration.ofSeconds(10)).until(() -> openAlarm("seq_gap") != null);

        publish(11);
        publish(12);
        await().atMost(Duration.ofSeconds(10)).until(() -> k1().path("missing").asLong() == 0);
        assertThat(k1().path("completeness").path("missing").toString()).isEqualTo("[]");
        await().atMost(Duration.ofSeconds(10)).until(() -> openAlarm("seq_gap") == null);
        assertThat(admin.json("/api/alarms?state=cleared").path("alarms").toString()).contains("seq_gap");
    }

    @Test
    void redeliveriesAreCountedConflictsKeptAsideAndAlarmed() {
        publish(1);
        publish(1);
        kiosk.publish(T + "/events/rating.submitted", Envelopes.rating("s1", "k1", 1, "impostor").json());
        await().atMost(Duration.ofSeconds(10)).until(() -> k1().path("completeness").path("conflicts").asLong() == 1);
        assertThat(k1().path("completeness").path("duplicates").asLong()).isEqualTo(1);
        assertThat(admin.json("/api/events?site=s1&kiosk=k1").path("events")).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> openAlarm("conflict") != null);
        long id = openAlarm("conflict").path("id").asLong();
        assertThat(viewer.post("/api/alarms/" + id + "/ack", "{\"note\":\"x\"}").status()).isEqualTo(403);
        Api.Answer acked = admin.post("/api/alarms/" + id + "/ack", "{\"note\":\"kiosk replaced\"}");
        assertThat(acked.status()).isEqualTo(200);
        assertThat(acked.json().path("ackedAt").isTextual()).isTrue();
        assertThat(admin.post("/api/alarms/" + id + "/ack", "{}").status()).isEqualTo(409);
        assertThat(admin.post("/api/alarms/999999/ack", "{}").status()).isEqualTo(404);
    }

    @Test
    void theWatchdogVouchesForTheCentresLoopsNotForTheBroker() throws Exception {
        publish(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> k1().path("lastSeq").asLong() == 1);
        assertThat(centre.alive()).isTrue();
        broker.close();
        broker = null;
        await().atMost(Duration.ofSeconds(10)).until(() -> admin.json("/api/health").path("mqtt").asText().equals("disconnected"));
        Thread.sleep(1_000);
        assertThat(centre.alive()).as("a broker outage is no hang").isTrue();
        centre.stop();
        assertThat(centre.alive()).isFalse();
        centre = null;
    }

    @Test
    void junkIsCountedNeverStoredNeverACrash() {
        kiosk.publish(T + "/events/rating.submitted", "not json");
        kiosk.publish(T + "/events/rating.submitted", "{\"v\":1}");
        kiosk.publish(T + "/events/rating.submitted", "{\"x\":\"" + "y".repeat(300_000) + "\"}");
        kiosk.publish("kiosk/v1/s1/k1/events/rating.submitted", Envelopes.rating("other-site", "k1", 1).json());
        kiosk.publish("kiosk/v1/s1/k1/status", "{\"state\":\"sideways\"}");
        publish(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> admin.json("/api/health").path("ingest").path("junk").asLong() == 5);
        await().atMost(Duration.ofSeconds(10)).until(() -> admin.json("/api/events").path("events").size() == 1);
        assertThat(admin.json("/api/kiosks").path("kiosks")).hasSize(1);
        assertThat(admin.json("/api/health").path("status").asText()).isEqualTo("ok");
    }

    @Test
    void presenceAndTelemetryShowInTheFleetAndAnOfflineKioskIsAlarmed() {
        kiosk.publish(T + "/status", ("{\"state\":\"online\",\"kiosk\":\"k1\",\"version\":\"9.9\",\"time\":\""
                + java.time.OffsetDateTime.now() + "\"}").getBytes(), true);
        kiosk.publish(T + "/events/telemetry", Envelopes.json("s1", "k1", 1, "t1", "telemetry", System.currentTimeMillis(),
                "{\"uptimeS\":1,\"outbox\":{\"depth\":150,\"oldestAgeS\":0,\"dropped\":0},\"mqtt\":{\"reconnects\":0},"
                        + "\"printer\":\"paper_out\",\"ticketsToday\":4,\"ratingsToday\":2}"));
        await().atMost(Duration.ofSeconds(10)).until(() -> admin.json("/api/kiosks").path("kiosks").path(0).path("outboxDepth").asLong() == 150);
        JsonNode k = admin.json("/api/kiosks").path("kiosks").path(0);
        assertThat(k.path("state").asText()).isEqualTo("online");
        assertThat(k.path("version").asText()).isEqualTo("9.9");
        assertThat(k.path("printer").asText()).isEqualTo("paper_out");
        assertThat(k.path("ticketsToday").asInt()).isEqualTo(4);
        await().atMost(Duration.ofSeconds(10)).until(() -> openAlarm("backlog") != null && openAlarm("printer") != null);

        kiosk.publish(T + "/status", ("{\"state\":\"offline\",\"kiosk\":\"k1\",\"time\":\"" + java.time.OffsetDateTime.now()
                + "\"}").getBytes(), true);
        await().atMost(Duration.ofSeconds(10)).until(() -> openAlarm("offline") != null);
        kiosk.publish(T + "/status", ("{\"state\":\"online\",\"kiosk\":\"k1\",\"time\":\"" + java.time.OffsetDateTime.now()
                + "\"}").getBytes(), true);
        await().atMost(Duration.ofSeconds(10)).until(() -> openAlarm("offline") == null);
    }

    @Test
    void aCommandIsPublishedAndItsResultCorrelated() {
        publish(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> admin.get("/api/kiosks/s1/k1").status() == 200);
        // the "kiosk" answers every command with a command.result naming its id
        Thread answerer = Thread.ofVirtual().start(() -> {
            MqttProbe.Received command = kiosk.awaitCount(r -> r.topic().endsWith("/cmd/ping"), 1, Duration.ofSeconds(10)).get(0);
            String id = command.json().path("id").asText();
            kiosk.publish(T + "/events/command.result", Envelopes.json("s1", "k1", 2, UUID.randomUUID().toString(),
                    "command.result", System.currentTimeMillis(),
                    "{\"command\":\"" + id + "\",\"name\":\"ping\",\"ok\":true,\"result\":{\"pong\":true}}"));
        });
        Api.Answer answer = admin.post("/api/kiosks/s1/k1/commands/ping", "");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("result").path("pong").asBoolean()).isTrue();
        assertThat(kiosk.received().get(0).json().path("issued").isTextual()).isTrue();
        answerer.interrupt();

        assertThat(viewer.post("/api/kiosks/s1/k1/commands/ping", "").status()).isEqualTo(403);
        assertThat(admin.post("/api/kiosks/s1/k1/commands/self-destruct", "").status()).isEqualTo(400);
        assertThat(admin.post("/api/kiosks/s1/nobody/commands/ping", "").status()).isEqualTo(404);
        assertThat(admin.post("/api/kiosks/s1/k1/commands/ping", "[1]").json().path("error").asText()).isEqualTo("malformed");
        assertThat(new Api(centre.httpPort(), null).get("/api/kiosks").status()).isEqualTo(401);
        assertThat(new Api(centre.httpPort(), "kc_wrong").get("/api/kiosks").status()).isEqualTo(401);
        assertThat(new Api(centre.httpPort(), null).get("/api/health").status()).isEqualTo(200);
        assertThat(admin.get("/api/alarms?state=sideways").json().path("error").asText()).isEqualTo("invalid_argument");
    }
}

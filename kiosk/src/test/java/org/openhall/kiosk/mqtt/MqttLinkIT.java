package org.openhall.kiosk.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhall.kiosk.testing.LogCapture;
import org.openhall.kiosk.testing.Mosquitto;
import org.openhall.kiosk.testing.MqttProbe;
import org.openhall.kiosk.testing.SilentServer;
import org.openhall.kiosk.testing.TestKiosk;
import org.openhall.kiosk.testing.TestPki;

/** The link against brokers that misbehave or demand credentials: a silent one, failover, TLS. */
class MqttLinkIT {
    @TempDir
    Path tmp;

    private static String toml(String id, Path data, String servers, String mqttExtra) {
        return """
                [kiosk]
                id = "%s"
                site = "test"
                timezone = "Asia/Shanghai"
                data_dir = "%s"
                [mqtt]
                servers = [%s]
                keepalive_s = 5
                %s
                [terminal]
                listen = "127.0.0.1:0"
                """.formatted(id, data, servers, mqttExtra);
    }

    private static long liveThreads(String fragment) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && t.getName().contains(fragment)).count();
    }

    @Test
    void aBrokerThatNeverAnswersTimesOutBacksOffAndTheDaemonStaysHealthy() {
        try (SilentServer silent = new SilentServer();
                LogCapture log = new LogCapture(MqttLink.class);
                TestKiosk kiosk = TestKiosk.start(TestKiosk.config(toml("silent-01", tmp.resolve("data"),
                        "\"" + silent.url() + "\"", "")), java.time.Clock.systemUTC())) {
            JsonNode health = kiosk.http().get("/api/health").json();
            assertThat(health.get("status").asText()).isEqualTo("ok");
            assertThat(health.get("mqtt").asText()).isEqualTo("disconnected");

            // the first attempt waits 10 s for a CONNACK, gives up, backs off 1-1.5 s and tries again
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> silent.accepted() >= 2);
            assertThat(silent.closedByClient()).as("the abandoned attempt released its socket").isGreaterThanOrEqualTo(1);
            assertThat(liveThreads("MQTT Rec: silent-01")).as("no receiver thread left behind").isLessThanOrEqualTo(1);
            assertThat(log.lines()).anySatisfy(l -> assertThat(l).startsWith("WARN mqtt connect to " + silent.url())
                    .contains("(1 attempts so far)").contains("Timed out"));
            assertThat(kiosk.http().get("/api/health").status()).isEqualTo(200);
        }
    }

    @Test
    void failsOverFromASilentBrokerToTheNextServer() {
        try (SilentServer silent = new SilentServer();
                Mosquitto broker = Mosquitto.start(tmp.resolve("broker"));
                MqttProbe centre = new MqttProbe(broker.url(), "kiosk/v1/test/failover-01/status");
                TestKiosk kiosk = TestKiosk.start(TestKiosk.config(toml("failover-01", tmp.resolve("data"),
                        "\"" + silent.url() + "\", \"" + broker.url() + "\"", "")), java.time.Clock.systemUTC())) {
            centre.awaitCount(r -> r.text().contains("\"online\""), 1, Duration.ofSeconds(25));
            assertThat(silent.accepted()).as("the first server was tried first").isGreaterThanOrEqualTo(1);
            assertThat(kiosk.http().get("/api/health").json().get("mqtt").asText()).isEqualTo("connected");
        }
    }

    @Test
    void tlsWithATestCaClientCertificateAndPasswordCarriesEventsAndAWrongCaFailsWithOneLogLine() throws Exception {
        TestPki pki = TestPki.create(tmp.resolve("pki"));
        Path passwd = pki.passwordFile("tls-01", "s3cret word");
        Path secret = pki.secret("mqtt-password", "s3cret word");
        try (Mosquitto broker = Mosquitto.startTls(tmp.resolve("broker"),
                new Mosquitto.Tls(pki.caCert(), pki.serverCert(), pki.serverKey(), true, passwd))) {
            MqttConnectOptions o = new MqttConnectOptions();
            o.setUserName("tls-01");
            o.setPassword("s3cret word".toCharArray());
            o.setSocketFactory(TlsFactory.create(pki.caCert().toString(), pki.clientCert().toString(), pki.clientKey().toString()));
            o.setHttpsHostnameVerificationEnabled(true);
            String credentials = """
                    username = "tls-01"
                    password_file = "%s"
                    cert_file = "%s"
                    key_file = "%s"
                    """.formatted(secret, pki.clientCert(), pki.clientKey());
            try (MqttProbe centre = new MqttProbe(broker.sslUrl(), "centre-tls", o, "kiosk/v1/test/+/#");
                    TestKiosk kiosk = TestKiosk.start(TestKiosk.config(toml("tls-01", tmp.resolve("data"),
                            "\"" + broker.sslUrl() + "\"", credentials + "ca_file = \"" + pki.caCert() + "\"\n")),
                            java.time.Clock.systemUTC())) {
                centre.awaitCount(r -> r.topic().equals("kiosk/v1/test/tls-01/status") && r.text().contains("\"online\""),
                        1, Duration.ofSeconds(15));
                // over TLS, too, an oversized command is read past (the guard sits on the decrypted stream)
                byte[] big = new byte[8 * 1024 * 1024];
                java.util.Arrays.fill(big, (byte) ' ');
                byte[] head = "{\"id\":\"tls-big\",\"pad\":\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                System.arraycopy(head, 0, big, 0, head.length);
                centre.publish("kiosk/v1/test/tls-01/cmd/ping", big, false);
                centre.publish("kiosk/v1/test/tls-01/cmd/ping", "{\"id\":\"tls-ping\"}");
                JsonNode refused = centre.awaitEvent("command.result", e -> e.at("/data/command").asText().equals("tls-big"),
                        Duration.ofSeconds(30));
                assertThat(refused.at("/data/error").asText()).isEqualTo("malformed");
                JsonNode result = centre.awaitEvent("command.result", e -> e.at("/data/command").asText().equals("tls-ping"),
                        Duration.ofSeconds(15));
                assertThat(result.at("/data/result/pong").asBoolean()).isTrue();
            }

            try (LogCapture log = new LogCapture(MqttLink.class);
                    TestKiosk stranger = TestKiosk.start(TestKiosk.config(toml("tls-02", tmp.resolve("data2"),
                            "\"" + broker.sslUrl() + "\"", credentials + "ca_file = \"" + pki.otherCaCert() + "\"\n")),
                            java.time.Clock.systemUTC())) {
                // three or more attempts (at once, then every 1-2 s) in 5 s: the journal gets one line
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> log.count("mqtt connect to") >= 1);
                Thread.sleep(5_000);
                assertThat(log.lines()).filteredOn(l -> l.contains("mqtt connect to")).singleElement()
                        .satisfies(l -> assertThat(l).contains(broker.sslUrl()).containsAnyOf("PKIX", "certification path", "certificate"));
                assertThat(stranger.http().get("/api/health").json().get("mqtt").asText()).isEqualTo("disconnected");
            }
        }
    }
}

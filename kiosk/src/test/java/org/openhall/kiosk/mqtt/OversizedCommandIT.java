package org.openhall.kiosk.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhall.kiosk.testing.KioskProcess;
import org.openhall.kiosk.testing.Mosquitto;
import org.openhall.kiosk.testing.MqttProbe;
import org.openhall.kiosk.testing.TestKiosk;

/**
 * A 60 MB QoS 1 command to the daemon as the service runs it (deploy/bin/kiosk: -Xmx64m,
 * ExitOnOutOfMemoryError) through a real mosquitto. Before the transport guard, Paho allocated the packet
 * whole and the JVM exited; the broker then delivered the same message after every restart.
 */
class OversizedCommandIT {
    private static final String ID = "huge-01";
    private static final String ROOT = "kiosk/v1/test/" + ID;
    private static final long SIZE = 60L * 1024 * 1024;

    @TempDir
    Path tmp;

    @Test
    void aSixtyMegabyteCommandIsAnsweredMalformedAndTheDaemonLivesAcrossARestartWithTheSameSession() throws Exception {
        try (Mosquitto broker = Mosquitto.start(tmp.resolve("broker"));
                MqttProbe centre = new MqttProbe(broker.url(), ROOT + "/events/command.result", ROOT + "/status")) {
            String toml = TestKiosk.baseToml(ID, tmp.resolve("data"), broker.url());
            Path huge1 = bigCommand("big-1");
            Path huge2 = bigCommand("big-2");

            long rssAfterFirst;
            try (KioskProcess daemon = KioskProcess.start(tmp.resolve("first"), toml)) {
                awaitOnline(centre, 1);
                System.out.printf("daemon up: rss %d kB%n", daemon.rssKb());
                long sentAt = System.nanoTime();
                publishFile(broker.port(), ROOT + "/cmd/ping", huge1);
                centre.publish(ROOT + "/cmd/ping", "{\"id\":\"after-1\"}");

                JsonNode refused = awaitResult(centre, daemon, "big-1");
                JsonNode pong = awaitResult(centre, daemon, "after-1");
                System.out.printf("60 MB command answered %s in %d ms; rss %d kB, peak %d kB%n", refused.get("error").asText(),
                        (System.nanoTime() - sentAt) / 1_000_000, daemon.rssKb(), daemon.peakRssKb());
                assertThat(refused.get("ok").asBoolean()).isFalse();
                assertThat(refused.get("error").asText()).isEqualTo("malformed");
                assertThat(refused.get("message").asText()).contains(Long.toString(SIZE + 2 + "{\"id\":\"big-1\",\"junk\":\"".length()));
                assertThat(pong.get("ok").asBoolean()).isTrue();
                assertThat(daemon.http().get("/api/health").status()).isEqualTo(200);
                rssAfterFirst = daemon.rssKb();
                assertThat(daemon.stop()).isZero();
                assertThat(daemon.log()).doesNotContain("OutOfMemoryError", "Terminating due to");
            }

            // offline now; the broker keeps the session (clean session off) and queues the next 60 MB for it
            publishFile(broker.port(), ROOT + "/cmd/ping", huge2);
            centre.publish(ROOT + "/cmd/ping", "{\"id\":\"after-2\"}");
            try (KioskProcess daemon = KioskProcess.start(tmp.resolve("second"), toml)) {
                JsonNode refused = awaitResult(centre, daemon, "big-2");
                JsonNode pong = awaitResult(centre, daemon, "after-2");
                assertThat(refused.get("error").asText()).isEqualTo("malformed");
                assertThat(pong.get("ok").asBoolean()).isTrue();
                Thread.sleep(2_000);
                assertThat(daemon.alive()).as("still running after the queued 60 MB").isTrue();
                System.out.printf("after a restart into the queued 60 MB: alive, rss %d kB (first run ended at %d kB), peak %d kB%n",
                        daemon.rssKb(), rssAfterFirst, daemon.peakRssKb());
                assertThat(daemon.stop()).isZero();
                assertThat(daemon.log()).doesNotContain("OutOfMemoryError", "Terminating due to");
            }
            assertThat(centre.events("command.result").stream().filter(e -> e.at("/data/command").asText().startsWith("big-")))
                    .as("each big command answered once: its PUBACK reached the broker").hasSize(2);
        }
    }

    private static void awaitOnline(MqttProbe centre, int times) {
        centre.awaitCount(r -> r.topic().endsWith("/status") && r.text().contains("online"), times, Duration.ofSeconds(60));
    }

    /** The result of command {@code id}; fails at once, with the daemon's last words, if the daemon died. */
    private static JsonNode awaitResult(MqttProbe centre, KioskProcess daemon, String id) {
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                .failFast(() -> assertThat(daemon.alive()).as("the daemon exited: %s", tail(daemon.log())).isTrue())
                .until(() -> centre.events("command.result").stream().anyMatch(e -> e.at("/data/command").asText().equals(id)));
        return centre.events("command.result").stream().filter(e -> e.at("/data/command").asText().equals(id)).findFirst()
                .orElseThrow().get("data");
    }

    private static String tail(String text) {
        return text.substring(Math.max(0, text.length() - 600));
    }

    /** {"id":ID,"junk":"xxx…"}: 60 MB and a bit, written in 1 MB pieces (never held whole by the test). */
    private Path bigCommand(String id) throws IOException {
        Path file = tmp.resolve(id + ".json");
        byte[] chunk = new byte[1024 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(("{\"id\":\"" + id + "\",\"junk\":\"").getBytes(StandardCharsets.US_ASCII));
            for (long written = 0; written < SIZE; written += chunk.length) {
                out.write(chunk);
            }
            out.write("\"}".getBytes(StandardCharsets.US_ASCII));
        }
        return file;
    }

    private static void publishFile(int port, String topic, Path file) throws IOException, InterruptedException {
        Process pub = new ProcessBuilder("mosquitto_pub", "-h", "127.0.0.1", "-p", Integer.toString(port), "-q", "1",
                "-t", topic, "-f", file.toString()).redirectErrorStream(true).start();
        assertThat(pub.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(pub.exitValue()).as(new String(pub.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
    }
}

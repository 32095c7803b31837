package org.openhall.centre.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhall.centre.testing.Api;
import org.openhall.centre.testing.CentreProcess;
import org.openhall.centre.testing.CentreToml;
import org.openhall.centre.testing.Envelopes;
import org.openhall.kiosk.testing.FreePort;
import org.openhall.kiosk.testing.Mosquitto;
import org.openhall.kiosk.testing.MqttProbe;

/**
 * A 64 MB QoS 1 publish on a kiosk's event topic, through a real mosquitto, to the centre from the jar under a
 * 48 MiB heap and ExitOnOutOfMemoryError. Paho reads a packet whole into one array, so without the transport
 * guard the centre dies, and the broker (persistent session) hands the same message over after every
 * restart. With it the centre counts the message as junk once, acknowledges it, and stores the events after it.
 */
class OversizedEventIT {
    private static final String T = "kiosk/v1/s1/k1";
    private static final long SIZE = 64L * 1024 * 1024;
    private static final List<String> SMALL_HEAP = List.of("-Xmx48m");
    private static final byte[] START = "{\"v\":1,\"id\":\"huge\",\"seq\":99,\"pad\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\"}".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    @Test
    void aSixtyFourMegabyteEventIsJunkOnceAndTheEventsAfterItAreStoredAcrossRestarts() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
                MqttProbe kiosk = new MqttProbe(broker.url(), T + "/cmd/#")) {
            int port = FreePort.pick();
            Path config = dir.resolve("centre.toml");
            Files.writeString(config, CentreToml.of("centre-oversized", dir.resolve("data"), broker.url(), port, ""));
            Path log = dir.resolve("centre.log");
            Api health = new Api(port, null);
            Path huge = bigEvent();

            try (CentreProcess centre = CentreProcess.start(config, log, SMALL_HEAP)) {
                awaitConnected(health, centre, log);
                publish(kiosk, 1, 5);
                publishFile(broker.port(), T + "/events/rating.submitted", huge);
                publish(kiosk, 6, 10);
                awaitIngest(health, centre, log, 10, 1);
                assertThat(centre.stop()).isIn(0, 143);
            }

            // down: the broker keeps the centre's session and queues the next 64 MB and an event for it
            publishFile(broker.port(), T + "/events/rating.submitted", huge);
            publish(kiosk, 11, 11);
            try (CentreProcess centre = CentreProcess.start(config, log, SMALL_HEAP)) {
                awaitIngest(health, centre, log, 1, 1);
                assertThat(centre.stop()).isIn(0, 143);
            }

            // up again: both were acknowledged, nothing comes back
            try (CentreProcess centre = CentreProcess.start(config, log, SMALL_HEAP)) {
                awaitConnected(health, centre, log);
                publish(kiosk, 12, 12);
                awaitIngest(health, centre, log, 1, 0);
                Thread.sleep(2_000);
                JsonNode ingest = health.json("/api/health").path("ingest");
                assertThat(ingest.path("received").asLong()).as("nothing redelivered").isEqualTo(1);
                assertThat(ingest.path("junk").asLong()).isZero();
                assertThat(centre.stop()).isIn(0, 143);
            }
            String text = Files.readString(log);
            assertThat(text).doesNotContain("OutOfMemoryError", "Terminating due to");
            assertThat(text.lines().filter(l -> l.contains("junk (too_large)")))
                    .as("one line per oversized message").hasSize(2)
                    .allMatch(l -> l.contains(SIZE + START.length + END.length + " bytes on " + T + "/events/rating.submitted"));
        }
    }

    private static void publish(MqttProbe kiosk, long from, long to) {
        for (long s = from; s <= to; s++) {
            kiosk.publish(T + "/events/rating.submitted", Envelopes.rating("s1", "k1", s).json());
        }
    }

    private static void awaitConnected(Api health, CentreProcess centre, Path log) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .failFast(() -> assertThat(centre.alive()).as("the centre exited: %s", tail(log)).isTrue())
                .until(() -> health.json("/api/health").path("mqtt").asText().equals("connected"));
    }

    /** This process's counters reach {@code stored} and {@code junk}; fails at once if the centre died. */
    private static void awaitIngest(Api health, CentreProcess centre, Path log, long stored, long junk) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .failFast(() -> assertThat(centre.alive()).as("the centre exited: %s", tail(log)).isTrue())
                .until(() -> {
                    JsonNode ingest = health.json("/api/health").path("ingest");
                    return ingest.path("stored").asLong() == stored && ingest.path("junk").asLong() == junk;
                });
    }

    private static String tail(Path log) throws IOException {
        String text = Files.readString(log);
        return text.substring(Math.max(0, text.length() - 800));
    }

    /** The start of an envelope and 64 MiB of padding, written in 1 MiB pieces (never held whole by the test). */
    private Path bigEvent() throws IOException {
        Path file = dir.resolve("huge.json");
        byte[] chunk = new byte[1024 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(START);
            for (long written = 0; written < SIZE; written += chunk.length) {
                out.write(chunk);
            }
            out.write(END);
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

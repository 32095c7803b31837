package org.openhall.centre.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhall.centre.testing.Api;
import org.openhall.centre.testing.CentreProcess;
import org.openhall.centre.testing.CentreToml;
import org.openhall.kiosk.testing.FreePort;

/**
 * The centre from the jar as systemd runs it ({@code Type=notify}, {@code WatchdogSec=}): socat plays systemd's
 * notify socket. READY=1 comes once HTTP answers, WATCHDOG=1 keeps coming while no broker is reachable (an
 * outage is not a hang), STOPPING=1 on SIGTERM.
 */
class CentreSystemdIT {
    @TempDir
    Path dir;
    private Process receiver;

    @AfterEach
    void stopReceiver() {
        if (receiver != null) {
            receiver.destroyForcibly();
        }
    }

    @Test
    void readyOnceServingWatchdogWhileTheBrokerIsDownStoppingOnSigterm() throws Exception {
        Path socket = dir.resolve("notify.sock");
        Path notes = dir.resolve("notify.txt");
        receiver = new ProcessBuilder("socat", "-u", "UNIX-RECV:" + socket, "STDOUT").redirectOutput(notes.toFile()).start();
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(socket));
        int port = FreePort.pick();
        Path config = dir.resolve("centre.toml");
        // nothing listens on this broker port: the centre keeps trying
        Files.writeString(config, CentreToml.of("centre-systemd", dir.resolve("data"), "tcp://127.0.0.1:" + FreePort.pick(),
                port, ""));
        Path log = dir.resolve("centre.log");
        Api health = new Api(port, null);
        try (CentreProcess centre = CentreProcess.start(config, log, List.of(),
                Map.of("NOTIFY_SOCKET", socket.toString(), "WATCHDOG_USEC", "400000"))) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .failFast(() -> assertThat(centre.alive()).as("the centre exited: %s", Files.readString(log)).isTrue())
                    .until(() -> Files.readString(notes).contains("READY=1"));
            assertThat(health.json("/api/health").path("mqtt").asText()).as("HTTP answers once READY=1 is sent")
                    .isEqualTo("disconnected");
            int pingsAtReady = count(Files.readString(notes), "WATCHDOG=1");
            Thread.sleep(2_000);
            assertThat(count(Files.readString(notes), "WATCHDOG=1") - pingsAtReady)
                    .as("a ping every 200 ms while the broker is down").isGreaterThanOrEqualTo(5);

            long pid = centre.pid();
            new ProcessBuilder("kill", "-TERM", Long.toString(pid)).start().waitFor(5, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(20)).until(() -> !centre.alive());
        }
        Thread.sleep(200);
        String text = Files.readString(notes);
        assertThat(text).contains("READY=1\nSTATUS=serving on port " + port, "STOPPING=1");
        assertThat(text.indexOf("READY=1")).isLessThan(text.indexOf("WATCHDOG=1")).isLessThan(text.lastIndexOf("STOPPING=1"));
        assertThat(Files.readString(log)).contains("stopped").doesNotContain("systemd notify to");
    }

    private static int count(String text, String word) {
        int n = 0;
        for (int i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
            n++;
        }
        return n;
    }
}

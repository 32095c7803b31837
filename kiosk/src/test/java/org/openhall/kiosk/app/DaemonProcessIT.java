package org.openhall.kiosk.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhall.kiosk.testing.FreePort;
import org.openhall.kiosk.testing.Http;
import org.openhall.kiosk.testing.TestKiosk;

/** The shipped jar as a separate process: exit codes, signals, readiness and systemd notification. */
class DaemonProcessIT {
    @TempDir
    Path tmp;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(Process::destroyForcibly);
    }

    private Process launch(Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m", "-jar", jar()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile())
                .redirectOutput(tmp.resolve("stdout.txt").toFile())
                .redirectError(tmp.resolve("stderr.txt").toFile());
        pb.environment().remove("NOTIFY_SOCKET");
        pb.environment().remove("WATCHDOG_USEC");
        pb.environment().putAll(env);
        Process p = pb.start();
        started.add(p);
        return p;
    }

    private static String jar() {
        return System.getProperty("kiosk.jar", "target/kiosk.jar");
    }

    private String stderr() throws IOException {
        return Files.readString(tmp.resolve("stderr.txt"), StandardCharsets.UTF_8);
    }

    private String stdout() throws IOException {
        return Files.readString(tmp.resolve("stdout.txt"), StandardCharsets.UTF_8);
    }

    private Path config(int httpPort) throws IOException {
        String toml = TestKiosk.baseToml("proc-01", tmp.resolve("data"), "tcp://127.0.0.1:" + FreePort.pick())
                .replace("127.0.0.1:0", "127.0.0.1:" + httpPort);
        return Files.writeString(tmp.resolve("kiosk.toml"), toml);
    }

    @Test
    void invalidConfigExits78NamingFileAndKeysWithoutStackTrace() throws Exception {
        Path bad = Files.writeString(tmp.resolve("bad.toml"), "[kiosk]\nid = \"\"\nsurprise = 1\n[printer]\ncolumns = 5\n");
        Process p = launch(Map.of(), "run", "--config", bad.toString());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(78);
        assertThat(stderr()).contains(bad + ": kiosk.id:", bad + ": kiosk.surprise: unknown key", bad + ": printer.columns:")
                .doesNotContain("Exception", "\tat ");
        assertThat(Files.exists(tmp.resolve("data"))).as("nothing touched before the config is valid").isFalse();
    }

    @Test
    void checkConfigAcceptsTheShippedExampleAndRejectsABrokenFile() throws Exception {
        Path example = Path.of("..", "deploy", "kiosk.toml").toAbsolutePath();
        Process ok = launch(Map.of(), "check-config", "--config", example.toString());
        assertThat(ok.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ok.exitValue()).isEqualTo(0);
        assertThat(stdout()).contains("valid", "wq-hall-01");

        Path broken = Files.writeString(tmp.resolve("broken.toml"), "[kiosk]\nid = \"k\"\n[mqtt]\nkeepalive_s = -1\n");
        Process bad = launch(Map.of(), "check-config", "--config", broken.toString());
        assertThat(bad.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(bad.exitValue()).isEqualTo(78);
        assertThat(stderr()).contains("mqtt.keepalive_s");
    }

    @Test
    void runsWithoutBrokerAnswersHealthAndStopsOnSigtermWithExit0() throws Exception {
        int port = FreePort.pick();
        Path notify = tmp.resolve("notify.sock");
        Process receiver = new ProcessBuilder("socat", "-u", "UNIX-RECV:" + notify, "STDOUT")
                .redirectOutput(tmp.resolve("notify.txt").toFile()).redirectErrorStream(false).start();
        started.add(receiver);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(notify));

        long launchedAt = System.nanoTime();
        Process p = launch(Map.of("NOTIFY_SOCKET", notify.toString(), "WATCHDOG_USEC", "400000"),
                "--config", config(port).toString());
        Http http = new Http(port);
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                .until(() -> http.get("/api/health").status() == 200);
        long readyMs = (System.nanoTime() - launchedAt) / 1_000_000;
        assertThat(http.get("/api/health").json().get("mqtt").asText()).isEqualTo("disconnected");
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> Files.readString(tmp.resolve("notify.txt")).contains("WATCHDOG=1"));
        System.out.printf("daemon ready after %d ms; rss %s kB%n", readyMs, rssKb(p.pid()));

        long stopAt = System.nanoTime();
        new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("exits within 10 s of SIGTERM").isTrue();
        System.out.printf("daemon stopped %d ms after SIGTERM%n", (System.nanoTime() - stopAt) / 1_000_000);
        assertThat(p.exitValue()).isEqualTo(0);
        Thread.sleep(200);
        String notes = Files.readString(tmp.resolve("notify.txt"));
        assertThat(notes).contains("READY=1", "WATCHDOG=1", "STOPPING=1");
        assertThat(notes.indexOf("READY=1")).isLessThan(notes.lastIndexOf("STOPPING=1"));
        assertThat(stdout()).contains("ready").doesNotContain("Exception");
    }

    @Test
    void simulateWithoutConfigRunsTheBuiltInDemoInTheWorkingDirectory() throws Exception {
        // the demo listens on 127.0.0.1:8080 as the contract says; skip nothing: if 8080 is taken the test fails loudly
        Process p = launch(Map.of(), "--simulate");
        Http http = new Http(8080);
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> http.get("/api/health").status() == 200);
        assertThat(http.get("/api/health").json().get("kiosk").asText()).isEqualTo("demo-01");
        assertThat(Files.isDirectory(tmp.resolve("kiosk-data"))).isTrue();
        p.destroy();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(0);
    }

    @Test
    void versionAndHelpExitZero() throws Exception {
        Process v = launch(Map.of(), "--version");
        assertThat(v.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(v.exitValue()).isZero();
        assertThat(stdout()).startsWith("kiosk ");
        Process bad = launch(Map.of(), "--frobnicate");
        assertThat(bad.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(bad.exitValue()).isEqualTo(1);
        assertThat(stderr()).contains("unknown argument: --frobnicate", "usage:");
    }

    private static String rssKb(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(l -> l.startsWith("VmRSS:")).map(l -> l.replaceAll("\\D", "")).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }
}

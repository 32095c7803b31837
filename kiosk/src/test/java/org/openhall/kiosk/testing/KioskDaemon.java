package org.openhall.kiosk.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * The built jar started as the service starts it: through {@code deploy/bin/kiosk} (so {@code -Xmx64m},
 * {@code -XX:+ExitOnOutOfMemoryError} and the other service options), under {@code --simulate} with a given
 * configuration. {@code -Dkiosk.jar=...} picks the jar (e.g. one built from another branch, to see an attack
 * on the old code).
 */
public final class KioskDaemon implements AutoCloseable {
    private final Process process;
    private final Path dir;
    private final int port;

    private KioskDaemon(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** Starts the daemon with {@code toml} (whose terminal listens on {@code port}) and waits until health answers. */
    public static KioskDaemon start(Path dir, String toml, int port) {
        try {
            Files.createDirectories(dir);
            Path config = Files.writeString(dir.resolve("kiosk.toml"), toml);
            ProcessBuilder pb = new ProcessBuilder("bash", launcher().toString(), "--simulate", "--config", config.toString())
                    .directory(dir.toFile())
                    .redirectOutput(dir.resolve("stdout.txt").toFile())
                    .redirectError(dir.resolve("stderr.txt").toFile());
            pb.environment().put("KIOSK_JAR", Path.of(System.getProperty("kiosk.jar", "target/kiosk.jar")).toAbsolutePath().toString());
            pb.environment().put("KIOSK_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
            pb.environment().remove("NOTIFY_SOCKET");
            pb.environment().remove("WATCHDOG_USEC");
            pb.environment().remove("KIOSK_JAVA_OPTS");
            KioskDaemon daemon = new KioskDaemon(pb.start(), dir, port);
            Http http = new Http(port);
            Awaitility.await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .until(() -> !daemon.process.isAlive() || http.get("/api/health").status() == 200);
            if (!daemon.process.isAlive()) {
                throw new IllegalStateException("daemon exited " + daemon.process.exitValue() + ": " + daemon.output());
            }
            return daemon;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path launcher() {
        for (Path candidate : List.of(Path.of("..", "deploy", "bin", "kiosk"), Path.of("deploy", "bin", "kiosk"))) {
            if (Files.isRegularFile(candidate)) {
                return candidate.toAbsolutePath();
            }
        }
        throw new IllegalStateException("deploy/bin/kiosk not found from " + Path.of("").toAbsolutePath());
    }

    public int port() {
        return port;
    }

    public boolean alive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** Resident set size in kB, from /proc (0 once the process is gone). */
    public long rssKb() {
        return status("VmRSS:");
    }

    public long threads() {
        return status("Threads:");
    }

    private long status(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
            return 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** What the daemon printed so far, stdout then stderr. */
    public String output() {
        try {
            return Files.readString(dir.resolve("stdout.txt"), StandardCharsets.UTF_8)
                    + Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}

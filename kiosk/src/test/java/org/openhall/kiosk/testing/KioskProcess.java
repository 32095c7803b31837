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
 * The daemon as the service runs it: {@code deploy/bin/kiosk} (so {@code -Xmx64m} and
 * {@code ExitOnOutOfMemoryError}) on the shaded jar, in its own process, with a config written by the test.
 * The launcher execs java, so {@link #pid()} is the JVM's.
 */
public final class KioskProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final Http http;

    private KioskProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.http = new Http(port);
    }

    /** Starts the daemon on {@code toml} (its terminal.listen is replaced by a free port) and waits until ready. */
    public static KioskProcess start(Path dir, String toml) {
        return start(dir, toml, List.of());
    }

    /** As {@link #start(Path, String)}, with simulated hardware ({@code --simulate}: the sim pins and routes). */
    public static KioskProcess startSimulated(Path dir, String toml) {
        return start(dir, toml, List.of("--simulate"));
    }

    private static KioskProcess start(Path dir, String toml, List<String> extraArgs) {
        try {
            int port = FreePort.pick();
            Files.createDirectories(dir);
            Path config = Files.writeString(dir.resolve("kiosk.toml"), toml.replace("127.0.0.1:0", "127.0.0.1:" + port));
            Path log = dir.resolve("kiosk.log");
            Path launcher = Path.of("..", "deploy", "bin", "kiosk").toAbsolutePath().normalize();
            List<String> command = new java.util.ArrayList<>(List.of("bash", launcher.toString(), "run", "--config", config.toString()));
            command.addAll(extraArgs);
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().put("KIOSK_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
            pb.environment().put("KIOSK_JAR", Path.of(System.getProperty("kiosk.jar", "target/kiosk.jar")).toAbsolutePath().toString());
            pb.environment().remove("NOTIFY_SOCKET");
            pb.environment().remove("WATCHDOG_USEC");
            KioskProcess k = new KioskProcess(pb.start(), log, port);
            Awaitility.await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .until(() -> {
                        if (!k.process.isAlive()) {
                            throw new IllegalStateException("daemon exited " + k.process.exitValue() + ": " + k.log());
                        }
                        return k.http.get("/api/health").status() == 200;
                    });
            return k;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Http http() {
        return http;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** User plus system CPU time of the JVM so far, in milliseconds ({@code /proc/PID/stat} fields 14 and 15). */
    public long cpuMillis() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
            // the command name (field 2) may hold spaces: count fields after its closing parenthesis
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks * 1000 / clockTicksPerSecond();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long clockTicksPerSecond() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            p.waitFor(5, TimeUnit.SECONDS);
            return Long.parseLong(out);
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }

    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines of the log that contain {@code text}. */
    public List<String> logLines(String text) {
        return log().lines().filter(l -> l.contains(text)).toList();
    }

    /** SIGTERM, and the exit code (waits up to 15 s, then kills). */
    public int stop() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }
}

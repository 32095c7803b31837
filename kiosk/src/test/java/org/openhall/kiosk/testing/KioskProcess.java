package org.openhall.kiosk.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * The daemon as the service runs it: {@code deploy/bin/kiosk run} (so {@code -Xmx64m},
 * {@code -XX:+ExitOnOutOfMemoryError} and the other service options) on the shaded jar, in its own process,
 * working in {@code dir}, with the config the test gives written to {@code dir/kiosk.toml} and all it prints
 * appended to {@code dir/kiosk.log}. {@code -Dkiosk.jar=...} picks the jar (e.g. one built from another
 * branch, to see an attack on the old code). The launcher execs java, so {@link #pid()} is the JVM's.
 */
public final class KioskProcess implements AutoCloseable {
    private static final Pattern LISTEN = Pattern.compile("(?m)^(\\s*listen\\s*=\\s*\"[^\"]*):(\\d+)\"");
    private final Process process;
    private final Path log;
    private final Http http;

    private KioskProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.http = new Http(port);
    }

    /**
     * Starts the daemon on {@code toml} and waits until its health answers. The terminal keeps the port its
     * {@code listen} names; port 0 (as in {@link TestKiosk#baseToml}) is replaced by a free one, because the
     * test must know the port to ask for health.
     */
    public static KioskProcess start(Path dir, String toml) {
        return start(dir, toml, List.of());
    }

    /** As {@link #start(Path, String)}, with simulated hardware ({@code --simulate}: the sim pins and routes). */
    public static KioskProcess startSimulated(Path dir, String toml) {
        return start(dir, toml, List.of("--simulate"));
    }

    private static KioskProcess start(Path dir, String toml, List<String> extraArgs) {
        Matcher listen = LISTEN.matcher(toml);
        if (!listen.find()) {
            throw new IllegalArgumentException("the config has no [terminal] listen with a port: " + toml);
        }
        int port = Integer.parseInt(listen.group(2));
        if (port == 0) {
            port = FreePort.pick();
            toml = listen.replaceFirst(Matcher.quoteReplacement(listen.group(1) + ":" + port + "\""));
        }
        try {
            Files.createDirectories(dir);
            Path config = Files.writeString(dir.resolve("kiosk.toml"), toml);
            Path log = dir.resolve("kiosk.log");
            List<String> command = new ArrayList<>(List.of("bash", launcher().toString(), "run", "--config", config.toString()));
            command.addAll(extraArgs);
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().put("KIOSK_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
            pb.environment().put("KIOSK_JAR", Path.of(System.getProperty("kiosk.jar", "target/kiosk.jar")).toAbsolutePath().toString());
            pb.environment().remove("NOTIFY_SOCKET");
            pb.environment().remove("WATCHDOG_USEC");
            pb.environment().remove("KIOSK_JAVA_OPTS");
            KioskProcess k = new KioskProcess(pb.start(), log, port);
            Awaitility.await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .until(() -> !k.alive() || k.http.get("/api/health").status() == 200);
            if (!k.alive()) {
                throw new IllegalStateException("daemon exited " + k.process.exitValue() + ": " + k.log());
            }
            return k;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The launcher from the module's directory (where Maven runs the tests) or from the repository's root. */
    private static Path launcher() {
        for (Path candidate : List.of(Path.of("..", "deploy", "bin", "kiosk"), Path.of("deploy", "bin", "kiosk"))) {
            if (Files.isRegularFile(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("deploy/bin/kiosk not found from " + Path.of("").toAbsolutePath());
    }

    public Http http() {
        return http;
    }

    public int port() {
        return http.port();
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

    /** Resident set size in kB (-1 once the process is gone). */
    public long rssKb() {
        return status("VmRSS:");
    }

    /** The peak resident set size in kB (-1 once the process is gone). */
    public long peakRssKb() {
        return status("VmHWM:");
    }

    /** The JVM's threads (-1 once the process is gone). */
    public long threads() {
        return status("Threads:");
    }

    /** A number from {@code /proc/PID/status}. */
    private long status(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
            return -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /** What the daemon printed so far (stdout and stderr, as they came), and earlier runs in the same dir. */
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
            process.destroyForcibly();
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

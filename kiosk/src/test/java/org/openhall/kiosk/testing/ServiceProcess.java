package org.openhall.kiosk.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The daemon as the service runs it: {@code deploy/bin/kiosk} (so {@code -Xmx64m} and
 * {@code -XX:+ExitOnOutOfMemoryError}) on the shaded jar, as a separate process, stopped by its pid.
 */
public final class ServiceProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private ServiceProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code kiosk run --config config}; output (stdout and stderr) goes to {@code log}, appended. */
    public static ServiceProcess start(Path config, Path log) {
        Path script = Path.of("..", "deploy", "bin", "kiosk").toAbsolutePath().normalize();
        Path jar = Path.of(System.getProperty("kiosk.jar", "target/kiosk.jar")).toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder(List.of("bash", script.toString(), "run", "--config", config.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("KIOSK_JAR", jar.toString());
        pb.environment().put("KIOSK_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        pb.environment().remove("NOTIFY_SOCKET");
        pb.environment().remove("WATCHDOG_USEC");
        pb.environment().remove("KIOSK_JAVA_OPTS");
        try {
            return new ServiceProcess(pb.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Resident set size in kB, from /proc (-1 once the process is gone). */
    public long rssKb() {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status")).stream()
                    .filter(l -> l.startsWith("VmRSS:")).map(l -> l.replaceAll("\\D", "")).mapToLong(Long::parseLong)
                    .findFirst().orElse(-1);
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }

    /** The peak resident set size in kB (VmHWM). */
    public long peakRssKb() {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status")).stream()
                    .filter(l -> l.startsWith("VmHWM:")).map(l -> l.replaceAll("\\D", "")).mapToLong(Long::parseLong)
                    .findFirst().orElse(-1);
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }

    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM, then the exit code (or -1 if it did not exit within the time). */
    public int stop(long timeoutS) {
        process.destroy();
        try {
            return process.waitFor(timeoutS, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}

package org.openhall.centre.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code kiosk centre run} as a child JVM from the built jar, under the service's heap limit; killed with SIGKILL. */
public final class CentreProcess implements AutoCloseable {
    private final Process process;

    private CentreProcess(Process process) {
        this.process = process;
    }

    public static CentreProcess start(Path config, Path log) {
        return start(config, log, List.of());
    }

    /** With JVM options after the service's own ({@code -Xmx48m} there overrides the heap limit). */
    public static CentreProcess start(Path config, Path log, List<String> jvmOptions) {
        return start(config, log, jvmOptions, Map.of());
    }

    /**
     * With JVM options and environment variables (e.g. {@code NOTIFY_SOCKET}, {@code WATCHDOG_USEC}; without them
     * the child never inherits systemd's from the test's own environment).
     */
    public static CentreProcess start(Path config, Path log, List<String> jvmOptions, Map<String, String> env) {
        String jar = System.getProperty("kiosk.jar", "target/kiosk.jar");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+ExitOnOutOfMemoryError",
                "-XX:TieredStopAtLevel=1"));
        // e.g. -Dcentre.jvmArgs=-XX:StartFlightRecording=filename=/tmp/centre.jfr to profile a benchmark's centre
        String extra = System.getProperty("centre.jvmArgs", "").strip();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar, "centre", "run", "--config", config.toString()));
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().remove("NOTIFY_SOCKET");
            pb.environment().remove("WATCHDOG_USEC");
            pb.environment().putAll(env);
            Process p = pb.start();
            return new CentreProcess(p);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the centre: " + e.getMessage(), e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no goodbye to the broker. */
    public void kill9() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(10));
    }

    /** SIGTERM: a clean stop. */
    public int stop() {
        process.destroy();
        return waitFor(Duration.ofSeconds(20));
    }

    private int waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor();
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
            kill9();
        }
    }
}

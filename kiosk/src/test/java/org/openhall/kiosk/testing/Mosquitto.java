package org.openhall.kiosk.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A real mosquitto broker on a free loopback port, started by the test and stopped by its pid. Can be
 * stopped and started again on the same port to simulate an outage of the centre.
 */
public final class Mosquitto implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final String extraConfig;
    private Process process;

    private Mosquitto(Path dir, int port, String extraConfig) {
        this.dir = dir;
        this.port = port;
        this.extraConfig = extraConfig;
    }

    public static Mosquitto start(Path dir) {
        return start(dir, "");
    }

    /** @param extraConfig lines added to mosquitto.conf (e.g. a message_size_limit) */
    public static Mosquitto start(Path dir, String extraConfig) {
        Mosquitto m = new Mosquitto(dir, FreePort.pick(), extraConfig);
        m.startProcess();
        return m;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public boolean running() {
        return process != null && process.isAlive();
    }

    public void startProcess() {
        try {
            Files.createDirectories(dir);
            Path conf = dir.resolve("mosquitto.conf");
            // as root mosquitto would drop to user 'mosquitto', which cannot read a test's temp dir
            String user = "root".equals(System.getProperty("user.name")) ? "user root\n" : "";
            Files.writeString(conf, user + "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n"
                    + "max_queued_messages 100000\n" + extraConfig + "\n");
            process = new ProcessBuilder("mosquitto", "-c", conf.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("mosquitto.log").toFile())
                    .start();
            awaitListening();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start mosquitto (apt-get install mosquitto)", e);
        }
    }

    private void awaitListening() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mosquitto exited: see " + dir.resolve("mosquitto.log"));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(50);
            }
        }
        throw new IllegalStateException("mosquitto did not listen on " + port);
    }

    /** Stops the broker (SIGTERM to its pid) and waits for it to exit. */
    public void stopProcess() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        stopProcess();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

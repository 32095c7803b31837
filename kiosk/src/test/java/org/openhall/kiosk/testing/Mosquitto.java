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
    private final Tls tls;
    private Process process;

    /** A TLS listener: server certificate and key, the CA that signs clients (when they must present one). */
    public record Tls(Path caFile, Path certFile, Path keyFile, boolean requireClientCertificate, Path passwordFile) {}

    private Mosquitto(Path dir, int port, String extraConfig, Tls tls) {
        this.dir = dir;
        this.port = port;
        this.extraConfig = extraConfig;
        this.tls = tls;
    }

    public static Mosquitto start(Path dir) {
        return start(dir, "");
    }

    /** @param extraConfig lines added to mosquitto.conf (e.g. a message_size_limit) */
    public static Mosquitto start(Path dir, String extraConfig) {
        Mosquitto m = new Mosquitto(dir, FreePort.pick(), extraConfig, null);
        m.startProcess();
        return m;
    }

    /** A broker that keeps sessions and queued messages across {@link #stopProcess()}/{@link #startProcess()}. */
    public static Mosquitto startPersistent(Path dir) {
        return start(dir, "persistence true\npersistence_location " + dir.toAbsolutePath() + "/\n");
    }

    /** A broker speaking only TLS on its port, with password authentication (no anonymous clients). */
    public static Mosquitto startTls(Path dir, Tls tls) {
        Mosquitto m = new Mosquitto(dir, FreePort.pick(), "", tls);
        m.startProcess();
        return m;
    }

    /** ssl://127.0.0.1:port: the server certificate carries IP:127.0.0.1, so hostname verification holds. */
    public String sslUrl() {
        return "ssl://127.0.0.1:" + port;
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
            String persistence = extraConfig.contains("persistence true") ? "" : "persistence false\n";
            Files.writeString(conf, user + "listener " + port + " 127.0.0.1\n" + security() + persistence
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

    private String security() {
        if (tls == null) {
            return "allow_anonymous true\n";
        }
        return "cafile " + tls.caFile() + "\ncertfile " + tls.certFile() + "\nkeyfile " + tls.keyFile() + "\n"
                + "require_certificate " + tls.requireClientCertificate() + "\n"
                + "allow_anonymous false\npassword_file " + tls.passwordFile() + "\n";
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

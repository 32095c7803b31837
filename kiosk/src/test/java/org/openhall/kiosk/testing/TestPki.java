package org.openhall.kiosk.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away PKI made with the system's openssl: a CA, a server certificate for 127.0.0.1/localhost
 * (hostname verification stays on), a client certificate with an unencrypted PKCS#8 key, and a second,
 * unrelated CA that trusts none of them. Plus a mosquitto password file made with mosquitto_passwd.
 */
public record TestPki(Path dir, Path caCert, Path serverCert, Path serverKey, Path clientCert, Path clientKey,
        Path otherCaCert) {

    public static TestPki create(Path dir) {
        try {
            Files.createDirectories(dir);
            Path serverExt = dir.resolve("server.ext");
            Files.writeString(serverExt, "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
            ca(dir, "ca", "kiosk test CA");
            ca(dir, "other-ca", "unrelated CA");
            leaf(dir, "server", "127.0.0.1", serverExt);
            leaf(dir, "client", "kiosk-client", null);
            return new TestPki(dir, dir.resolve("ca.pem"), dir.resolve("server.pem"), dir.resolve("server.key"),
                    dir.resolve("client.pem"), dir.resolve("client.key"), dir.resolve("other-ca.pem"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A mosquitto password file holding one user. */
    public Path passwordFile(String user, String password) {
        Path file = dir.resolve("passwd");
        run(dir, List.of("mosquitto_passwd", "-b", "-c", file.toString(), user, password));
        return file;
    }

    /** A file holding just the password, as the kiosk's password_file. */
    public Path secret(String name, String password) {
        try {
            Path file = dir.resolve(name);
            Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void ca(Path dir, String name, String subject) {
        run(dir, List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-keyout", name + ".key", "-out", name + ".pem", "-subj", "/CN=" + subject));
    }

    private static void leaf(Path dir, String name, String cn, Path ext) {
        run(dir, List.of("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key",
                "-out", name + ".csr", "-subj", "/CN=" + cn));
        List<String> sign = new java.util.ArrayList<>(List.of("openssl", "x509", "-req", "-in", name + ".csr",
                "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2", "-out", name + ".pem"));
        if (ext != null) {
            sign.addAll(List.of("-extfile", ext.toString()));
        }
        run(dir, sign);
    }

    private static void run(Path dir, List<String> command) {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package org.openhall.kiosk.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real pseudo-terminal pair from {@code socat -d -d pty,raw,echo=0 pty,raw,echo=0}: the kiosk opens one
 * end as its serial printer, a {@link PrinterEmulator} the other. Each end can also get a stable symlink
 * (socat's {@code link=}), as {@code /dev/serial/by-id} gives a real adapter a stable name while the
 * {@code /dev/pts} number changes on every start. {@link #close()} stops socat by its pid: an unplug.
 */
public final class PtyPair implements AutoCloseable {
    private static final Pattern PTY_LINE = Pattern.compile("PTY is (/dev/pts/\\d+)");
    private final Process socat;
    private final Path near;
    private final Path far;

    private PtyPair(Process socat, Path near, Path far) {
        this.socat = socat;
        this.near = near;
        this.far = far;
    }

    public static PtyPair start() {
        return start(null, null);
    }

    /** @param nearLink, farLink symlinks socat creates to each end (null for none) */
    public static PtyPair start(Path nearLink, Path farLink) {
        try {
            Process p = new ProcessBuilder("socat", "-d", "-d", end(nearLink) + ",ignoreeof", end(farLink)).start();
            p.getOutputStream().close();
            BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
            List<Path> ptys = new ArrayList<>();
            StringBuilder log = new StringBuilder();
            String line;
            while (ptys.size() < 2 && (line = err.readLine()) != null) {
                log.append(line).append('\n');
                Matcher m = PTY_LINE.matcher(line);
                if (m.find()) {
                    ptys.add(Path.of(m.group(1)));
                }
            }
            if (ptys.size() < 2) {
                p.destroy();
                throw new IllegalStateException("socat gave no pty pair:\n" + log);
            }
            Thread drain = new Thread(() -> drain(err), "socat-stderr-" + p.pid());
            drain.setDaemon(true);
            drain.start();
            PtyPair pair = new PtyPair(p, ptys.get(0), ptys.get(1));
            pair.awaitLinks(nearLink, farLink);
            return pair;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start socat (apt-get install socat)", e);
        }
    }

    /**
     * One end of the pair. The kiosk's (near) end ignores EOF: a real adapter stays when the kiosk closes its port
     * and opens it again, but socat would take the closed pty for the end of the stream and go, racing the reopen.
     */
    private static String end(Path link) {
        return "pty,raw,echo=0" + (link == null ? "" : ",link=" + link);
    }

    private void awaitLinks(Path... links) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (Path link : links) {
            while (link != null && !Files.exists(link) && System.nanoTime() < deadline) {
                sleep(10);
            }
        }
    }

    private static void drain(BufferedReader err) {
        try {
            while (err.readLine() != null) {
                // socat's notices are not needed once the pair is up
            }
        } catch (IOException ignored) {
            // socat stopped
        }
    }

    /** The end the kiosk opens. */
    public Path near() {
        return near;
    }

    /** The end the emulator opens. */
    public Path far() {
        return far;
    }

    public long pid() {
        return socat.pid();
    }

    /** Stops socat (SIGTERM to its pid) and waits until it has gone, with its ptys and links. */
    @Override
    public void close() {
        socat.destroy();
        try {
            if (!socat.waitFor(5, TimeUnit.SECONDS)) {
                socat.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

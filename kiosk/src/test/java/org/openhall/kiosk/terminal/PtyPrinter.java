package org.openhall.kiosk.terminal;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The far end of a real serial line (a socat pty pair): the kiosk opens {@link #devicePath()} as its
 * printer port, and this side answers the ESC/POS real-time status queries (DLE EOT 1, 2, 4) the way an
 * Epson-compatible printer does, with a paper sensor the test can empty. Everything else (ticket bytes) is
 * read and dropped.
 */
final class PtyPrinter implements AutoCloseable {
    private static final int DLE = 0x10;
    private static final int EOT = 0x04;
    /** Every DLE EOT answer has bits 1 and 4 set (Epson ESC/POS, "DLE EOT n"). */
    private static final int FIXED = 0x12;
    /** DLE EOT 4: roll paper end sensor, bits 5 and 6. */
    private static final int PAPER_END = 0x60;
    private static final Pattern PTY = Pattern.compile("PTY is (\\S+)");

    private final Process socat;
    private final String kioskSide;
    private final InputStream in;
    private final OutputStream out;
    private volatile boolean paperOut;

    private PtyPrinter(Process socat, String kioskSide, String printerSide) throws IOException {
        this.socat = socat;
        this.kioskSide = kioskSide;
        this.in = new FileInputStream(printerSide);
        this.out = new FileOutputStream(printerSide);
        Thread.ofVirtual().name("pty-printer").start(this::answer);
    }

    static PtyPrinter start(Path dir) {
        try {
            Files.createDirectories(dir);
            Path log = dir.resolve("socat.log");
            Process p = new ProcessBuilder("socat", "-d", "-d", "pty,raw,echo=0", "pty,raw,echo=0")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            String[] ptys = awaitPtys(p, log);
            return new PtyPrinter(p, ptys[0], ptys[1]);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start socat (apt-get install socat)", e);
        }
    }

    private static String[] awaitPtys(Process p, Path log) throws IOException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
        while (Instant.now().isBefore(deadline)) {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            if (text.contains("starting data transfer loop")) {
                Matcher m = PTY.matcher(text);
                String first = m.find() ? m.group(1) : null;
                String second = m.find() ? m.group(1) : null;
                return new String[] {first, second};
            }
            if (!p.isAlive()) {
                throw new IllegalStateException("socat exited: " + text);
            }
            sleep(20);
        }
        throw new IllegalStateException("socat gave no pty pair");
    }

    /** The device the kiosk's {@code printer.port} names. */
    String devicePath() {
        return kioskSide;
    }

    void paperOut(boolean out) {
        paperOut = out;
    }

    private void answer() {
        try {
            int previous = -1;
            int beforePrevious = -1;
            for (int b = in.read(); b >= 0; b = in.read()) {
                if (beforePrevious == DLE && previous == EOT && (b == 1 || b == 2 || b == 4)) {
                    out.write(status(b));
                    out.flush();
                    b = -1; // an answered query's bytes start nothing new
                }
                beforePrevious = previous;
                previous = b;
            }
        } catch (IOException e) {
            // the pty closed: the test is over
        }
    }

    private int status(int n) {
        return n == 4 && paperOut ? FIXED | PAPER_END : FIXED;
    }

    @Override
    public void close() {
        socat.destroy();
        try {
            socat.waitFor(5, TimeUnit.SECONDS);
            in.close();
            out.close();
        } catch (IOException | InterruptedException e) {
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

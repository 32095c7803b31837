package org.openhall.kiosk.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;

/**
 * An ESC/POS printer at the far end of a {@link PtyPair}, written with plain file I/O (independent of the
 * jSerialComm adapter under test). Like a real printer it answers DLE EOT 1, 2 and 4 wherever the three
 * bytes occur, with the status it is told (paper ok / near end / out, cover open, or silence), and it
 * records every other byte it receives, with the time the last one arrived.
 */
public final class PrinterEmulator implements AutoCloseable {
    public enum Paper { OK, NEAR_END, OUT }

    private static final int DLE = 0x10;
    private static final int EOT = 0x04;

    private final FileChannel channel;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final AtomicInteger queries = new AtomicInteger();
    private final Thread reader;
    private volatile Paper paper = Paper.OK;
    private volatile boolean coverOpen;
    private volatile boolean silent;
    private volatile long answerDelayMs;
    private volatile long lastByteNanos;
    private int held; // bytes of a possible DLE EOT n seen so far

    private PrinterEmulator(FileChannel channel) {
        this.channel = channel;
        this.reader = new Thread(this::readLoop, "printer-emulator");
        reader.setDaemon(true);
    }

    public static PrinterEmulator open(Path device) {
        try {
            PrinterEmulator e = new PrinterEmulator(FileChannel.open(device, StandardOpenOption.READ, StandardOpenOption.WRITE));
            e.reader.start();
            return e;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + device, e);
        }
    }

    public void paper(Paper state) {
        paper = state;
    }

    public void coverOpen(boolean open) {
        coverOpen = open;
    }

    /** A printer that is switched off behind a still-present adapter: takes bytes, answers nothing. */
    public void silent(boolean quiet) {
        silent = quiet;
    }

    /** A slow printer: each status answer is sent this long after its query. */
    public void answerDelay(Duration delay) {
        answerDelayMs = delay.toMillis();
    }

    /** Every byte received except the status queries. */
    public byte[] printed() {
        synchronized (printed) {
            return printed.toByteArray();
        }
    }

    public void clear() {
        synchronized (printed) {
            printed.reset();
        }
    }

    public int statusQueries() {
        return queries.get();
    }

    public long lastByteNanos() {
        return lastByteNanos;
    }

    public byte[] awaitPrinted(int length, Duration timeout) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(5)).until(() -> printed().length >= length);
        return printed();
    }

    private void readLoop() {
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        try {
            while (channel.read(buffer.clear()) > 0) {
                long now = System.nanoTime();
                buffer.flip();
                while (buffer.hasRemaining()) {
                    accept(buffer.get() & 0xFF, now);
                }
            }
        } catch (IOException stopped) {
            // socat gone (EIO) or closed by the test
        }
    }

    private void accept(int b, long now) throws IOException {
        if (held == 0 && b == DLE || held == 1 && b == EOT) {
            held++;
            return;
        }
        if (held == 2 && b >= 1 && b <= 4) {
            held = 0;
            queries.incrementAndGet();
            if (!silent) {
                byte status = (byte) answer(b); // the state when asked, as a real printer answers
                pause(answerDelayMs);
                channel.write(ByteBuffer.wrap(new byte[] {status}));
            }
            return;
        }
        synchronized (printed) {
            if (held >= 1) {
                printed.write(DLE);
            }
            if (held == 2) {
                printed.write(EOT);
            }
            held = 0;
            if (b == DLE) {
                held = 1;
            } else {
                printed.write(b);
                lastByteNanos = now;
            }
        }
    }

    private static void pause(long ms) {
        if (ms > 0) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Status bytes as an Epson TM printer sends them (fixed bits 0x12 plus the flags). */
    int answer(int n) {
        boolean out = paper == Paper.OUT;
        return 0x12 | switch (n) {
            case 1 -> coverOpen || out ? 0x08 : 0;                            // offline
            case 2 -> (coverOpen ? 0x04 : 0) | (out ? 0x20 : 0);              // cover open, paper-end stop
            case 4 -> (paper != Paper.OK ? 0x0C : 0) | (out ? 0x60 : 0);      // near end, paper end
            default -> 0;
        };
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // already gone
        }
        try {
            reader.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

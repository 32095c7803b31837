package org.openhall.kiosk.scanner;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Splits a serial scanner's bytes into codes: a line ends at CR or LF (so CR LF, LF and CR alone all work,
 * and the empty line between CR and LF is no code), each line is trimmed (spaces and control characters
 * such as a scanner's STX/ETX framing at either end), empty lines are ignored. A line longer than
 * {@link #MAX_LINE} bytes is no parcel code (a parcel id is a 36-character UUID, a number 12 characters): it
 * is dropped whole, up to its line end, and reported once. Pure: bytes in, codes out; not thread-safe (one
 * reader thread feeds it).
 */
public final class ScannerLines {
    /** Bytes a line may have; over twice a parcel id, room for a scanner's prefix or suffix. */
    public static final int MAX_LINE = 128;

    private final Consumer<String> codes;
    private final Runnable overlong;
    private final byte[] line = new byte[MAX_LINE];
    private int length;
    private boolean dropping;

    /**
     * @param codes gets each trimmed, non-empty line
     * @param overlong told once for each line over {@link #MAX_LINE} bytes
     */
    public ScannerLines(Consumer<String> codes, Runnable overlong) {
        this.codes = codes;
        this.overlong = overlong;
    }

    public void feed(byte[] bytes, int offset, int count) {
        for (int i = offset; i < offset + count; i++) {
            byte b = bytes[i];
            if (b == '\r' || b == '\n') {
                endOfLine();
            } else if (dropping) {
                continue;
            } else if (length == MAX_LINE) {
                dropping = true;
                length = 0;
                overlong.run();
            } else {
                line[length++] = b;
            }
        }
    }

    /** Forgets a partial line (the port was reopened: its first bytes belong to no line begun before). */
    public void reset() {
        length = 0;
        dropping = false;
    }

    private void endOfLine() {
        if (!dropping) {
            String code = new String(line, 0, length, StandardCharsets.UTF_8).trim();
            if (!code.isEmpty()) {
                codes.accept(code);
            }
        }
        reset();
    }
}

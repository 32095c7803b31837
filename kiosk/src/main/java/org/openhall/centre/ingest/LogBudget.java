package org.openhall.centre.ingest;

import java.util.function.LongSupplier;

/**
 * At most {@code perMinute} lines a minute for one kind of noise; the rest is only counted, and the next
 * minute's first line says how many were left out. A flood of junk cannot flood the journal.
 */
public final class LogBudget {
    private final int perMinute;
    private final LongSupplier nanoTime;
    private long windowStart;
    private int used;
    private long suppressed;

    public LogBudget(int perMinute, LongSupplier nanoTime) {
        this.perMinute = perMinute;
        this.nanoTime = nanoTime;
        this.windowStart = nanoTime.getAsLong();
    }

    /** -1 when this line must not be logged; otherwise how many lines were left out before it. */
    public synchronized long take() {
        long now = nanoTime.getAsLong();
        if (now - windowStart >= 60_000_000_000L) {
            windowStart = now;
            used = 0;
        }
        if (used >= perMinute) {
            suppressed++;
            return -1;
        }
        used++;
        long left = suppressed;
        suppressed = 0;
        return left;
    }
}

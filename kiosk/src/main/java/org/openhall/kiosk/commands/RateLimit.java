package org.openhall.kiosk.commands;

import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/** At most {@code max} starts in any window of {@code windowNanos}, on a monotonic clock (a wall-clock jump changes nothing). */
final class RateLimit {
    private final int max;
    private final long windowNanos;
    private final LongSupplier nanoTime;
    private final ArrayDeque<Long> starts = new ArrayDeque<>();

    RateLimit(int max, long windowNanos, LongSupplier nanoTime) {
        this.max = max;
        this.windowNanos = windowNanos;
        this.nanoTime = nanoTime;
    }

    /** True, and counted, when one more start fits in the window. */
    synchronized boolean tryStart() {
        long now = nanoTime.getAsLong();
        while (!starts.isEmpty() && now - starts.peekFirst() >= windowNanos) {
            starts.removeFirst();
        }
        if (starts.size() >= max) {
            return false;
        }
        starts.addLast(now);
        return true;
    }
}

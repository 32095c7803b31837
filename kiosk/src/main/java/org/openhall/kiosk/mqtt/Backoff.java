package org.openhall.kiosk.mqtt;

import java.util.random.RandomGenerator;

/**
 * Capped exponential backoff with full jitter. The first {@code quickAttempts} consecutive failures wait a
 * uniform random time in [min, 2 min]: most outages are a broker restart or a network blip of seconds, and a
 * kiosk should be back within about a second of the broker. After that the ceiling doubles per failure up
 * to {@code max} and the wait is uniform in [min, ceiling], so a hall full of kiosks that lost the centre
 * together neither hammer it during a long outage nor return in step when it comes back.
 *
 * <pre>
 *   failure n (0-based):   n &lt; quick: ceiling = 2 min
 *                          n ≥ quick: ceiling = min(max, min · 2^(n - quick + 2))
 * </pre>
 */
final class Backoff {
    private final long minMs;
    private final long maxMs;
    private final int quickAttempts;
    private final RandomGenerator random;
    private int failures;

    Backoff(long minMs, long maxMs, int quickAttempts, RandomGenerator random) {
        if (minMs <= 0 || maxMs < minMs || quickAttempts < 0) {
            throw new IllegalArgumentException("backoff needs 0 < min <= max and quickAttempts >= 0");
        }
        this.minMs = minMs;
        this.maxMs = maxMs;
        this.quickAttempts = quickAttempts;
        this.random = random;
    }

    /** The wait before the next attempt; counts one more failure. */
    long nextDelayMs() {
        long ceiling = ceilingMs(failures);
        if (failures < Integer.MAX_VALUE) {
            failures++;
        }
        return ceiling <= minMs ? minMs : minMs + random.nextLong(ceiling - minMs + 1);
    }

    long ceilingMs(int failure) {
        int doublings = failure < quickAttempts ? 1 : Math.min(30, failure - quickAttempts + 2);
        return Math.min(maxMs, minMs << doublings);
    }

    /** After a successful connect: the next outage starts with quick attempts again. */
    void reset() {
        failures = 0;
    }
}

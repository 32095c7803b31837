package org.openhall.kiosk.mqtt;

import java.util.random.RandomGenerator;

/**
 * Capped exponential backoff with full jitter. The first {@code quickAttempts} consecutive failures wait a
 * uniform random time in [min, 1.5 min]: most outages are a broker restart or a network blip of seconds,
 * and a kiosk should be back within about a second of the broker (at most 1.5 s). The jitter still spreads
 * a fleet that lost the broker together over half a second when it returns. After that the ceiling doubles
 * per failure up to {@code max} and the wait is uniform in [min, ceiling], so during a long outage the
 * fleet neither hammers the centre nor returns in step.
 *
 * <pre>
 *   failure n (0-based):   n &lt; quick: ceiling = 1.5 min
 *                          n ≥ quick: ceiling = min(max, min · 2^(n - quick + 2))
 * </pre>
 */
public final class Backoff {
    private final long minMs;
    private final long maxMs;
    private final int quickAttempts;
    private final RandomGenerator random;
    private int failures;

    public Backoff(long minMs, long maxMs, int quickAttempts, RandomGenerator random) {
        if (minMs <= 0 || maxMs < minMs || quickAttempts < 0) {
            throw new IllegalArgumentException("backoff needs 0 < min <= max and quickAttempts >= 0");
        }
        this.minMs = minMs;
        this.maxMs = maxMs;
        this.quickAttempts = quickAttempts;
        this.random = random;
    }

    /** The wait before the next attempt; counts one more failure. */
    public long nextDelayMs() {
        long ceiling = ceilingMs(failures);
        if (failures < Integer.MAX_VALUE) {
            failures++;
        }
        return ceiling <= minMs ? minMs : minMs + random.nextLong(ceiling - minMs + 1);
    }

    long ceilingMs(int failure) {
        if (failure < quickAttempts) {
            return Math.min(maxMs, minMs + minMs / 2);
        }
        return Math.min(maxMs, minMs << Math.min(30, failure - quickAttempts + 2));
    }

    /** After a successful connect: the next outage starts with quick attempts again. */
    public void reset() {
        failures = 0;
    }
}

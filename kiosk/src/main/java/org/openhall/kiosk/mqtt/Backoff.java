package org.openhall.kiosk.mqtt;

import java.util.random.RandomGenerator;

/**
 * Capped exponential backoff with full jitter: the n-th consecutive failure waits a uniform random time in
 * [min, min(max, min * 2^n)], so a hall full of kiosks that lost the centre together do not return in step.
 */
final class Backoff {
    private final long minMs;
    private final long maxMs;
    private final RandomGenerator random;
    private int failures;

    Backoff(long minMs, long maxMs, RandomGenerator random) {
        this.minMs = minMs;
        this.maxMs = maxMs;
        this.random = random;
    }

    long nextDelayMs() {
        long ceiling = Math.min(maxMs, minMs << Math.min(failures, 20));
        failures++;
        return ceiling <= minMs ? minMs : minMs + random.nextLong(ceiling - minMs + 1);
    }

    void reset() {
        failures = 0;
    }
}

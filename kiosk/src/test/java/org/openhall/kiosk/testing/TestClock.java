package org.openhall.kiosk.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock tests can set and jump (forwards or backwards), as a Pi without a real-time clock sees its time
 * change when NTP syncs. Fixed, or ticking with real time from the instant last set.
 */
public final class TestClock extends Clock {
    private record Base(Instant instant, long nanos) {}

    private final AtomicReference<Base> base;
    private final boolean ticking;
    private final ZoneId zone;

    private TestClock(AtomicReference<Base> base, boolean ticking, ZoneId zone) {
        this.base = base;
        this.ticking = ticking;
        this.zone = zone;
    }

    public static TestClock fixed(Instant start, ZoneId zone) {
        return new TestClock(new AtomicReference<>(new Base(start, System.nanoTime())), false, zone);
    }

    public static TestClock ticking(Instant start, ZoneId zone) {
        return new TestClock(new AtomicReference<>(new Base(start, System.nanoTime())), true, zone);
    }

    public void set(Instant now) {
        base.set(new Base(now, System.nanoTime()));
    }

    public void jump(Duration by) {
        set(instant().plus(by));
    }

    @Override
    public Instant instant() {
        Base b = base.get();
        return ticking ? b.instant().plusNanos(System.nanoTime() - b.nanos()) : b.instant();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return new TestClock(base, ticking, other);
    }
}

package org.openhall.kiosk.commands;

import java.time.Clock;
import org.slf4j.Logger;

/**
 * At most {@code perMinute} lines a minute for one kind of message; the rest are counted and summed up in
 * one line when the next minute starts, so a flood of bad commands cannot flood the journal.
 */
final class LogBudget {
    private static final long MINUTE_MS = 60_000;
    private final Clock clock;
    private final int perMinute;
    private final String what;
    private long minuteStart;
    private int used;
    private int suppressed;

    LogBudget(Clock clock, int perMinute, String what) {
        this.clock = clock;
        this.perMinute = perMinute;
        this.what = what;
    }

    /** True when the caller may log its line now. */
    synchronized boolean allow(Logger log) {
        long now = clock.millis();
        if (now - minuteStart >= MINUTE_MS) {
            if (suppressed > 0) {
                log.info("{} more {} in the last minute not logged one by one", suppressed, what);
            }
            minuteStart = now;
            used = 0;
            suppressed = 0;
        }
        if (used < perMinute) {
            used++;
            return true;
        }
        suppressed++;
        return false;
    }
}

package org.openhall.kiosk.gpio;

/**
 * The contact-bounce filter as a pure state machine on millisecond timestamps: a new level is accepted
 * only once the raw level has held still for {@code settleMillis} with no further edge. A bounce train
 * (edges microseconds to a few milliseconds apart) therefore yields one accepted change, after the contact
 * settles; a glitch shorter than the settle time yields none. We chose "stable for N ms" over "accept the
 * first edge, then lock out" because a lone spike from a long cable would otherwise count as a rating; the
 * price is that a press is reported {@code settleMillis} after the contact closed.
 */
final class Debouncer {
    private final long settleMillis;
    private boolean accepted;
    private boolean raw;
    private long rawSince;

    Debouncer(boolean initialLevel, long settleMillis) {
        this.settleMillis = settleMillis;
        this.accepted = initialLevel;
        this.raw = initialLevel;
    }

    /**
     * Records a raw edge at {@code now}; {@link #poll} should be asked again at {@code now + settleMillis}. If
     * the level before this edge had already held still long enough but was not polled yet (a late timer),
     * it is accepted first and returned as {@link Poll.Kind#CHANGED}, so a short but real release between two
     * presses is never lost; otherwise returns {@link Poll#SETTLED} or {@link Poll.Kind#WAIT}.
     */
    Poll edge(boolean level, long now) {
        Poll before = poll(now);
        raw = level;
        rawSince = now;
        return before;
    }

    long settleMillis() {
        return settleMillis;
    }

    /**
     * Asks at {@code now} whether the raw level has settled on a new value. Returns {@link Poll#changed} with
     * the new level, {@link Poll#settled} when nothing is pending, or {@link Poll#wait} with the time to ask
     * again (the timer may fire a little before the clock shows the settle time has passed).
     */
    Poll poll(long now) {
        if (raw == accepted) {
            return Poll.SETTLED;
        }
        long due = rawSince + settleMillis;
        if (now < due) {
            return new Poll(Poll.Kind.WAIT, accepted, due);
        }
        accepted = raw;
        return new Poll(Poll.Kind.CHANGED, accepted, rawSince);
    }

    boolean accepted() {
        return accepted;
    }

    /** {@code at}: for CHANGED the time the contact settled, for WAIT the time to poll again. */
    record Poll(Kind kind, boolean level, long at) {
        static final Poll SETTLED = new Poll(Kind.SETTLED, false, 0);

        enum Kind { SETTLED, WAIT, CHANGED }
    }
}

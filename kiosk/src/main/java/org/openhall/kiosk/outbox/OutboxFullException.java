package org.openhall.kiosk.outbox;

import org.openhall.kiosk.refusals.Refusal;
import org.openhall.kiosk.refusals.RefusedException;

/** The outbox holds {@code outbox.max_events} unsent events and none can be dropped: new work is refused. */
public final class OutboxFullException extends RefusedException {
    private final long depth;

    public OutboxFullException(long depth) {
        super(Refusal.OUTBOX_FULL, "outbox full: " + depth + " unsent events and no telemetry left to drop");
        this.depth = depth;
    }

    public long depth() {
        return depth;
    }
}

package org.openhall.kiosk.outbox;

/** The outbox holds {@code outbox.max_events} unsent events and none can be dropped: new work is refused. */
public final class OutboxFullException extends RuntimeException {
    private final long depth;

    public OutboxFullException(long depth) {
        super("outbox full: " + depth + " unsent events and no telemetry left to drop");
        this.depth = depth;
    }

    public long depth() {
        return depth;
    }
}

package org.openhall.kiosk.outbox;

/**
 * Outbox figures for telemetry and health: unsent rows, age of the oldest, drops by reason (telemetry only:
 * pushed out by capacity, or expired), and appends refused because the outbox was full since the start.
 */
public record OutboxStats(long depth, long oldestAgeS, long droppedCapacity, long droppedExpired, long refused) {
    public long dropped() {
        return droppedCapacity + droppedExpired;
    }
}

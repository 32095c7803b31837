package org.openhall.kiosk.outbox;

/** Outbox figures for telemetry and health: unsent rows, age of the oldest, drops by reason. */
public record OutboxStats(long depth, long oldestAgeS, long droppedCapacity, long droppedExpired) {
    public long dropped() {
        return droppedCapacity + droppedExpired;
    }
}

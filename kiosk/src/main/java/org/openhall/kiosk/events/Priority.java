package org.openhall.kiosk.events;

/** Delivery classes of the outbox: lower ordinal leaves first. */
public enum Priority {
    /** Alerts, command results and printer state: what an operator acts on. */
    ALERT,
    /** Tickets and ratings: the service record. Never dropped. */
    BUSINESS,
    /** Periodic telemetry: dropped first when the outbox is full, expires after a TTL. */
    TELEMETRY
}

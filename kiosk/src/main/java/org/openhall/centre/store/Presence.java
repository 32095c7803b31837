package org.openhall.centre.store;

/** A kiosk's retained {@code status} message: online or offline, stamped with the kiosk's own time. */
public record Presence(KioskId kiosk, String state, String version, long timeMs) {}

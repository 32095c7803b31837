package org.openhall.centre.store;

/** One alarm: at most one open (active or acknowledged) per kiosk and kind. Times are epoch ms. */
public record Alarm(long id, KioskId kiosk, String kind, String state, long raisedMs, Long ackedMs, Long clearedMs,
        long count, String message, String note) {
    public static final String ACTIVE = "active";
    public static final String ACKNOWLEDGED = "acknowledged";
    public static final String CLEARED = "cleared";

    public boolean open() {
        return !CLEARED.equals(state);
    }
}

package org.openhall.kiosk.ratings;

/** Whom the ratings at a window are about: the ticket being served and the staff id, either may be null. */
record Attribution(String ticket, String staff) {
    static final Attribution NONE = new Attribution(null, null);
}

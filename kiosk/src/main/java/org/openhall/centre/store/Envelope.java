package org.openhall.centre.store;

/**
 * One event envelope as received: its identity in columns and the JSON text exactly as the kiosk sent it.
 * {@code timeMs} is the envelope's {@code time} as epoch milliseconds (the kiosk's own clock).
 */
public record Envelope(String site, String kiosk, long seq, String id, String type, String time, long timeMs, String json) {
    public KioskId kioskId() {
        return new KioskId(site, kiosk);
    }
}

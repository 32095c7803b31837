package org.openhall.kiosk.terminal;

/** The clerk's parcel page ({@code GET /parcels?window=3}): three static files from the jar, no build step. */
public final class ParcelPage {
    private static final String BASE = "/org/openhall/kiosk/terminal/parcels/";

    private ParcelPage() {}

    public static void register(TerminalServer server) {
        server.resource("/parcels", BASE + "parcels.html", "text/html; charset=utf-8");
        server.resource("/parcels.js", BASE + "parcels.js", "text/javascript; charset=utf-8");
        server.resource("/parcels.css", BASE + "parcels.css", "text/css; charset=utf-8");
    }
}

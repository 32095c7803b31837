package org.openhall.kiosk.terminal;

/**
 * The self-service terminal page: three static files from the classpath, no build step. {@code GET /} is the
 * page itself; the browser then opens {@code /api/events} (see {@link LiveUpdates}).
 */
public final class TerminalPage {
    private static final String BASE = "/org/openhall/kiosk/terminal/web/";

    private TerminalPage() {}

    public static void register(TerminalServer server) {
        server.resource("/", BASE + "index.html", "text/html; charset=utf-8");
        server.resource("/index.html", BASE + "index.html", "text/html; charset=utf-8");
        server.resource("/app.js", BASE + "app.js", "text/javascript; charset=utf-8");
        server.resource("/style.css", BASE + "style.css", "text/css; charset=utf-8");
    }
}

package org.openhall.kiosk.terminal;

import org.openhall.kiosk.config.DisplaySettings;
import org.openhall.kiosk.json.Json;

/**
 * The hall screen {@code /display} (and {@code /display?window=3}), the clerk page {@code /counter?window=3}, and
 * {@code GET /api/display}, the screen's settings: static files from the jar, no CDN, live over {@code /api/events}.
 */
public final class HallPages {
    private static final String BASE = "/org/openhall/kiosk/terminal/web/";
    private static final String HTML = "text/html; charset=utf-8";

    private final DisplaySettings settings;
    private final boolean speaks;
    private final Json json;

    public HallPages(DisplaySettings settings, boolean speaks, Json json) {
        this.settings = settings;
        this.speaks = speaks;
        this.json = json;
    }

    public void register(TerminalServer server) {
        server.resource("/display", BASE + "display.html", HTML);
        server.resource("/display.js", BASE + "display.js", "text/javascript; charset=utf-8");
        server.resource("/display.css", BASE + "display.css", "text/css; charset=utf-8");
        server.resource("/counter", BASE + "counter.html", HTML);
        server.resource("/counter.js", BASE + "counter.js", "text/javascript; charset=utf-8");
        server.resource("/counter.css", BASE + "counter.css", "text/css; charset=utf-8");
        server.route("GET", "/api/display", request -> HttpResponse.json(200, json.createObjectNode()
                .put("voice", settings.voice()).put("repeat", settings.repeat()).put("recent", settings.recent())
                .put("speech", speaks)));
    }
}

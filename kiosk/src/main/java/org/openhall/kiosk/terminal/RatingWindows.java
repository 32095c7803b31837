package org.openhall.kiosk.terminal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.openhall.kiosk.json.Json;

/**
 * {@code GET /api/windows}: the windows the terminal offers for rating, in configuration order, each with
 * whether its evaluator also has physical buttons. Every window is offered: a resident who missed the
 * counter's keypad may still rate by touch, under the same lockout and invite rules.
 */
public final class RatingWindows {
    /** One window that has an evaluator. */
    public record Window(String window, boolean buttons) {}

    private final Json json;
    private final List<Window> windows;

    public RatingWindows(Json json, List<Window> windows) {
        this.json = json;
        this.windows = List.copyOf(windows);
    }

    public void register(TerminalServer server) {
        server.route("GET", "/api/windows", request -> HttpResponse.json(200, body()));
    }

    ObjectNode body() {
        ObjectNode body = json.createObjectNode();
        ArrayNode list = body.putArray("windows");
        for (Window w : windows) {
            list.addObject().put("window", w.window()).put("buttons", w.buttons());
        }
        return body;
    }
}

package org.openhall.kiosk.terminal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.openhall.kiosk.config.WindowSettings;
import org.openhall.kiosk.json.Json;
import org.openhall.kiosk.refusals.Refusal;
import org.openhall.kiosk.refusals.RefusedException;
import org.openhall.kiosk.tickets.Call;
import org.openhall.kiosk.tickets.CallingService;
import org.openhall.kiosk.tickets.WindowStatus;

/**
 * The clerk API (interface.md section 7): {@code POST /api/windows/{id}/{action}} with the window's token as
 * {@code Authorization: Bearer}, taken from the LAN (clerks sit at their windows, not at the kiosk);
 * {@code GET /api/windows/{id}} the window's state; {@code GET /api/calls?limit=N} the day's latest calls.
 */
public final class WindowRoutes {
    private static final Pattern NUMBER = Pattern.compile("^[A-Z][0-9]{3,5}$");
    private static final Pattern CODE = Pattern.compile("^[A-Z]$");
    private static final String PREFIX = "/api/windows/";
    static final int DEFAULT_CALLS = 6;

    private final CallingService calling;
    private final Json json;

    public WindowRoutes(CallingService calling, Json json) {
        this.calling = calling;
        this.json = json;
    }

    public void register(TerminalServer server) {
        server.prefixRoute("POST", PREFIX, Set.of("number", "category"), this::act);
        server.prefixRoute("GET", PREFIX, this::window);
        server.route("GET", "/api/calls", this::calls);
    }

    HttpResponse window(HttpRequest request) {
        String id = request.path().substring(PREFIX.length());
        return calling.status(id).map(s -> HttpResponse.json(200, status(json, s)))
                .orElse(HttpResponse.refused(Refusal.UNKNOWN_WINDOW));
    }

    HttpResponse act(HttpRequest request) {
        String[] parts = request.path().substring(PREFIX.length()).split("/", -1);
        if (parts.length != 2) {
            return HttpResponse.error(404, "not_found");
        }
        Optional<WindowSettings> window = calling.windows().stream().filter(w -> w.id().equals(parts[0])).findFirst();
        if (window.isEmpty()) {
            return HttpResponse.refused(Refusal.UNKNOWN_WINDOW);
        }
        if (!authorized(window.get(), request.header("Authorization").orElse(""))) {
            return HttpResponse.refused(Refusal.UNAUTHORIZED);
        }
        try {
            return perform(parts[0], parts[1], request.json() == null ? json.createObjectNode() : request.json());
        } catch (RefusedException e) {
            return HttpResponse.refused(e.refusal());
        }
    }

    private HttpResponse perform(String window, String action, ObjectNode body) {
        ObjectNode answer = json.createObjectNode();
        switch (action) {
            case "next" -> {
                String number = text(body, "number", NUMBER);
                if (body.has("number") && number == null) {
                    return HttpResponse.error(400, "invalid_argument");
                }
                answer.put("number", number == null ? calling.next(window, List.of(), "counter")
                        : calling.callNumber(window, number, "counter"));
            }
            case "recall" -> answer.put("number", calling.recall(window, "counter"));
            case "no-show" -> answer.put("number", calling.noShow(window));
            case "complete" -> answer.put("number", calling.complete(window));
            case "transfer" -> {
                String category = text(body, "category", CODE);
                if (category == null) {
                    return HttpResponse.error(400, "invalid_argument");
                }
                answer.put("number", calling.transfer(window, category)).put("category", category);
            }
            case "pause" -> {
                calling.pause(window);
                answer.put("window", window).put("paused", true);
            }
            case "resume" -> answer.put("window", window).put("paused", false).put("pausedS", calling.resume(window));
            default -> {
                return HttpResponse.error(404, "not_found");
            }
        }
        return HttpResponse.json(200, answer);
    }

    /** Constant time in the token's content, so a wrong guess tells nothing about how close it was. */
    static boolean authorized(WindowSettings window, String header) {
        if (window.token() == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, window.token().getBytes(StandardCharsets.UTF_8));
    }

    private static String text(ObjectNode body, String name, Pattern valid) {
        JsonNode value = body.get(name);
        return value != null && value.isTextual() && valid.matcher(value.asText()).matches() ? value.asText() : null;
    }

    HttpResponse calls(HttpRequest request) {
        int limit;
        try {
            limit = Integer.parseInt(request.query().getOrDefault("limit", String.valueOf(DEFAULT_CALLS)));
        } catch (NumberFormatException e) {
            return HttpResponse.error(400, "invalid_argument");
        }
        if (limit < 1 || limit > CallingService.MAX_RECENT) {
            return HttpResponse.error(400, "invalid_argument");
        }
        ObjectNode body = json.createObjectNode();
        calls(body.putArray("calls"), calling.recentCalls(limit));
        return HttpResponse.json(200, body);
    }

    static void calls(ArrayNode list, List<Call> calls) {
        for (Call c : calls) {
            list.add(call(list.objectNode(), c));
        }
    }

    static ObjectNode call(ObjectNode node, Call c) {
        return node.put("number", c.number()).put("window", c.window()).put("windowName", c.windowName())
                .put("at", c.at().toString()).put("recall", c.recall());
    }

    static ObjectNode status(Json json, WindowStatus s) {
        ObjectNode node = json.createObjectNode();
        node.put("id", s.id()).put("name", s.name()).put("nameEn", s.nameEn());
        ArrayNode cats = node.putArray("categories");
        s.categories().forEach(cats::add);
        node.put("paused", s.paused());
        node.put("called", s.called());
        return node;
    }
}

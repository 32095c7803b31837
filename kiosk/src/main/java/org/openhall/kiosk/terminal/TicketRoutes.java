package org.openhall.kiosk.terminal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.openhall.kiosk.json.Json;
import org.openhall.kiosk.refusals.RefusedException;
import org.openhall.kiosk.tickets.CategoryQueue;
import org.openhall.kiosk.tickets.IssuedTicket;
import org.openhall.kiosk.tickets.TicketService;

/** {@code GET /api/queue} and {@code POST /api/tickets} (interface.md sections 4 and 6). */
public final class TicketRoutes {
    private final TicketService tickets;
    private final Json json;

    public TicketRoutes(TicketService tickets, Json json) {
        this.tickets = tickets;
        this.json = json;
    }

    public void register(TerminalServer server) {
        server.route("GET", "/api/queue", request -> queue());
        server.localRoute("POST", "/api/tickets", Set.of("category", "priority"), this::issue);
    }

    HttpResponse queue() {
        ObjectNode body = json.createObjectNode();
        ArrayNode list = body.putArray("categories");
        for (CategoryQueue q : tickets.queue()) {
            list.addObject().put("code", q.code()).put("name", q.name()).put("nameEn", q.nameEn()).put("waiting", q.waiting());
        }
        return HttpResponse.json(200, body);
    }

    HttpResponse issue(HttpRequest request) {
        JsonNode body = request.json(); // shape and fields checked by the server (section 6)
        JsonNode category = body.get("category");
        JsonNode priority = body.get("priority");
        if (category == null || !category.isTextual()) {
            return HttpResponse.error(400, "unknown_category");
        }
        if (priority != null && !priority.isBoolean() && !priority.isNull()) {
            return HttpResponse.error(400, "invalid_argument");
        }
        try {
            IssuedTicket t = tickets.issue(category.asText(), priority != null && priority.asBoolean(), "terminal");
            return HttpResponse.json(201, t.data());
        } catch (RefusedException e) {
            return HttpResponse.refused(e.refusal());
        }
    }
}

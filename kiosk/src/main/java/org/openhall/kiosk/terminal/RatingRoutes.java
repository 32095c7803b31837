package org.openhall.kiosk.terminal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import org.openhall.kiosk.refusals.RefusedException;
import org.openhall.kiosk.ratings.RatingService;

/**
 * {@code POST /api/ratings {"window":"1","level":"satisfied"}}, the touch fallback of the evaluators, with the
 * same rules as the buttons: 201 with the {@code rating.submitted} data; 400 {@code unknown_window},
 * {@code unknown_level}, or {@code invalid_argument} from the server for a body that is not one object of these
 * two fields; 429 {@code locked_out}; 409 {@code no_invite}; 503 {@code outbox_full}, {@code storage_full} or
 * {@code storage_failing} (statuses from {@link org.openhall.kiosk.refusals.Refusal}).
 */
public final class RatingRoutes {
    private final RatingService ratings;
    private final ObjectMapper json;

    public RatingRoutes(RatingService ratings, ObjectMapper json) {
        this.ratings = ratings;
        this.json = json;
    }

    public void register(TerminalServer server) {
        server.localRoute("POST", "/api/ratings", Set.of("window", "level"), this::rate);
    }

    HttpResponse rate(HttpRequest request) {
        JsonNode body = request.json(); // shape and fields checked by the server (section 6)
        try {
            return HttpResponse.json(201, ratings.rate(text(body, "window"), text(body, "level"), "terminal"));
        } catch (RefusedException e) {
            return HttpResponse.refused(e.refusal());
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}

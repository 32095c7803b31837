package org.openhall.kiosk.terminal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import org.openhall.kiosk.ratings.RatingRefusedException;
import org.openhall.kiosk.ratings.RatingService;

/**
 * {@code POST /api/ratings {"window":"1","level":"satisfied"}}, the touch fallback of the evaluators, with the
 * same rules as the buttons: 201 with the {@code rating.submitted} data; 400 {@code unknown_window},
 * {@code unknown_level}, or {@code invalid_argument} from the server for a body that is not one object of these two fields; 429 {@code locked_out}; 409 {@code no_invite}; 503 {@code outbox_full}.
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
        } catch (RatingRefusedException e) {
            return HttpResponse.error(status(e.code()), e.code());
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    static int status(String code) {
        return switch (code) {
            case RatingRefusedException.LOCKED_OUT -> 429;
            case RatingRefusedException.NO_INVITE -> 409;
            case RatingRefusedException.OUTBOX_FULL -> 503;
            default -> 400;
        };
    }
}

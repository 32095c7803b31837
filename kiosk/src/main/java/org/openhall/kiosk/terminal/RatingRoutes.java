package org.openhall.kiosk.terminal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.openhall.kiosk.ratings.BadRatingReason;
import org.openhall.kiosk.ratings.RatingRefusedException;
import org.openhall.kiosk.ratings.RatingService;

/**
 * {@code POST /api/ratings {"window":"1","level":"satisfied"}} (a bad level may add
 * {@code "reasons":["waiting_time",…]}), the touch fallback of the evaluators, with the
 * same rules as the buttons: 201 with the {@code rating.submitted} data; 400 {@code unknown_window},
 * {@code unknown_level} or {@code malformed}; 429 {@code locked_out}; 409 {@code no_invite}; 503 {@code outbox_full}.
 */
public final class RatingRoutes {
    private final RatingService ratings;
    private final ObjectMapper json;

    public RatingRoutes(RatingService ratings, ObjectMapper json) {
        this.ratings = ratings;
        this.json = json;
    }

    public void register(TerminalServer server) {
        server.localRoute("POST", "/api/ratings", this::rate);
    }

    HttpResponse rate(HttpRequest request) {
        JsonNode body = request.jsonObject(json).orElse(null);
        if (body == null) {
            return HttpResponse.error(400, "malformed");
        }
        try {
            List<String> reasons = reasons(body);
            if (reasons == null) {
                return HttpResponse.error(400, RatingRefusedException.INVALID_ARGUMENT);
            }
            return HttpResponse.json(201, ratings.rate(text(body, "window"), text(body, "level"), "terminal", reasons));
        } catch (RatingRefusedException e) {
            return HttpResponse.error(status(e.code()), e.code());
        }
    }

    /** The optional {@code reasons} array of strings; null when it is something else. */
    private static List<String> reasons(JsonNode body) {
        JsonNode value = body.get("reasons");
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray() || value.size() > BadRatingReason.values().length) {
            return null;
        }
        List<String> codes = new ArrayList<>();
        for (JsonNode code : value) {
            if (!code.isTextual()) {
                return null;
            }
            codes.add(code.asText());
        }
        return codes;
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

package org.openhall.kiosk.terminal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.openhall.kiosk.json.Json;
import org.openhall.kiosk.ratings.BadRatingReason;
import org.openhall.kiosk.ratings.RatingService;
import org.openhall.kiosk.refusals.Refusal;
import org.openhall.kiosk.refusals.RefusedException;

/**
 * {@code POST /api/ratings {"window":"1","level":"satisfied"}} (a bad level may add
 * {@code "reasons":["waiting_time",…]}), the touch fallback of the evaluators, with the
 * same rules as the buttons: 201 with the {@code rating.submitted} data; 400 {@code unknown_window},
 * {@code unknown_level}, or {@code invalid_argument} from the server for a body that is not one object of these
 * fields (reasons optional); 429 {@code locked_out}; 409 {@code no_invite}; 503 {@code outbox_full}, {@code storage_full} or
 * {@code storage_failing} (statuses from {@link org.openhall.kiosk.refusals.Refusal}).
 */
public final class RatingRoutes {
    private final RatingService ratings;
    private final Json json;

    public RatingRoutes(RatingService ratings, Json json) {
        this.ratings = ratings;
        this.json = json;
    }

    public void register(TerminalServer server) {
        server.localRoute("POST", "/api/ratings", Set.of("window", "level", "reasons"), this::rate);
    }

    HttpResponse rate(HttpRequest request) {
        JsonNode body = request.json(); // shape and fields checked by the server (section 6)
        try {
            List<String> reasons = reasons(body);
            if (reasons == null) {
                return HttpResponse.refused(Refusal.INVALID_ARGUMENT);
            }
            return HttpResponse.json(201, ratings.rate(text(body, "window"), text(body, "level"), "terminal", reasons));
        } catch (RefusedException e) {
            return HttpResponse.refused(e.refusal());
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
}

package org.openhall.kiosk.terminal;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.openhall.kiosk.json.Json;
import org.openhall.kiosk.refusals.Refusal;

/** A complete response; errors are always JSON {@code {"error":"snake_case_word"}}. */
public record HttpResponse(int status, String contentType, byte[] body) {
    public static final String JSON = "application/json; charset=utf-8";
    private static final Json TREES = new Json();

    public static HttpResponse json(int status, JsonNode body) {
        return new HttpResponse(status, JSON, TREES.writeValueAsBytes(body));
    }

    /** A refusal with its own status and word. */
    public static HttpResponse refused(Refusal refusal) {
        return error(refusal.httpStatus(), refusal.word());
    }

    public static HttpResponse error(int status, String word) {
        return new HttpResponse(status, JSON, ("{\"error\":\"" + word + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}

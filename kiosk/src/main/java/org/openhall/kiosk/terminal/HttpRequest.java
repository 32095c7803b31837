package org.openhall.kiosk.terminal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.openhall.kiosk.json.Json;

/**
 * One HTTP request as the routes see it: method, path, decoded query, headers (names in lower case, the
 * first value of each), the client's address, the (size-checked) body and, for a {@code POST}, that body
 * as the JSON object the server already checked (section 6: one object, no duplicate keys, only the
 * route's declared fields; an empty body is an empty object).
 */
public record HttpRequest(String method, String path, Map<String, String> query, Map<String, String> headers,
        InetAddress remote, byte[] body, ObjectNode json) {
    public HttpRequest {
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
    }

    /** A header's first value, by case-insensitive name. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The checked JSON body; empty only for requests the server did not parse (a {@code GET}). */
    public Optional<ObjectNode> jsonObject(Json ignored) {
        return Optional.ofNullable(json);
    }
}

package org.openhall.kiosk.terminal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request as the routes see it: method, path, decoded query, headers (names in lower case, the
 * first value of each), the client's address and the (size-checked) body.
 */
public record HttpRequest(String method, String path, Map<String, String> query, Map<String, String> headers,
        InetAddress remote, byte[] body) {
    public HttpRequest {
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
    }

    /** A header's first value, by case-insensitive name. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The body as a JSON object; empty when it is not JSON or not an object (the route answers 400 malformed). */
    public Optional<ObjectNode> jsonObject(ObjectMapper json) {
        try {
            return json.readTree(body) instanceof ObjectNode object ? Optional.of(object) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}

package org.openhall.kiosk.terminal;

import java.util.Map;

/** One HTTP request as the routes see it: method, path, decoded query and the (size-checked) body. */
public record HttpRequest(String method, String path, Map<String, String> query, byte[] body) {
    public HttpRequest {
        query = Map.copyOf(query);
    }
}

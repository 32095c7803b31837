package org.openhall.centre.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.openhall.centre.accounts.Principal;

/** One request and its response, in the words the routes need; the only Jetty types the routes see. */
final class Exchange {
    static final int MAX_BODY = 64 * 1024;
    final Request request;
    final Response response;
    final Callback callback;
    final String method;
    final String path;
    private final Fields query;
    private String body;
    Principal principal;
    String sessionNonce;
    boolean done;

    Exchange(Request request, Response response, Callback callback) {
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.method = request.getMethod();
        this.path = Request.getPathInContext(request);
        this.query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
    }

    String param(String name) {
        String value = query.getValue(name);
        return value == null || value.isEmpty() ? null : value;
    }

    String header(String name) {
        return request.getHeaders().get(name);
    }

    String cookie(String name) {
        List<HttpCookie> cookies = Request.getCookies(request);
        for (HttpCookie c : cookies) {
            if (c.getName().equals(name)) {
                return c.getValue();
            }
        }
        return null;
    }

    String remoteAddress() {
        return Request.getRemoteAddr(request);
    }

    boolean secure() {
        return request.isSecure();
    }

    /** The body as UTF-8; {@link BodyTooLarge} beyond 64 KiB. */
    String body() throws IOException, BodyTooLarge {
        if (body != null) {
            return body;
        }
        long declared = request.getLength();
        if (declared > MAX_BODY) {
            throw new BodyTooLarge();
        }
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new BodyTooLarge();
            }
            body = new String(bytes, StandardCharsets.UTF_8);
            return body;
        }
    }

    Map<String, String> form() throws IOException, BodyTooLarge {
        Map<String, String> out = new HashMap<>();
        for (String pair : body().split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                try {
                    out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException ignored) {
                    // a malformed escape: the field is left out, and the route refuses the form
                }
            }
        }
        return out;
    }

    void json(int status, String json) {
        send(status, "application/json; charset=utf-8", json);
    }

    void error(int status, String word) {
        json(status, "{\"error\":\"" + word + "\"}");
    }

    void html(int status, String html) {
        send(status, "text/html; charset=utf-8", html);
    }

    void redirect(String location) {
        response.getHeaders().put(HttpHeader.LOCATION, location);
        send(303, "text/plain; charset=utf-8", "");
    }

    void setCookie(String name, String value, long maxAgeS) {
        Response.addCookie(response, HttpCookie.build(name, value).path("/").httpOnly(true)
                .sameSite(HttpCookie.SameSite.STRICT).secure(secure()).maxAge(maxAgeS).build());
    }

    void send(int status, String type, String text) {
        sendBytes(status, type, text.getBytes(StandardCharsets.UTF_8));
    }

    void sendBytes(int status, String type, byte[] bytes) {
        if (done) {
            return;
        }
        done = true;
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put("Referrer-Policy", "same-origin");
        if (type.startsWith("text/html")) {
            response.getHeaders().put("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
            response.getHeaders().put("Cache-Control", "no-store");
        }
        if (!bodyEndReached()) {
            // answered before the body arrived (a refusal): Jetty drops the connection after this response, and
            // a client that was not told would send its next request down a closed socket
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        response.write(true, java.nio.ByteBuffer.wrap(bytes), callback);
    }

    /** Whether the request body has been read to its end (or had none), taking only what has already arrived. */
    private boolean bodyEndReached() {
        long drained = 0;
        while (drained <= MAX_BODY) {
            Content.Chunk chunk = request.read();
            if (chunk == null || Content.Chunk.isFailure(chunk)) {
                return false;
            }
            try {
                if (chunk.isLast()) {
                    return true;
                }
                drained += chunk.remaining();
            } finally {
                chunk.release();
            }
        }
        return false;
    }

    static final class BodyTooLarge extends Exception {
        BodyTooLarge() {
            super("body over 64 KiB");
        }
    }
}

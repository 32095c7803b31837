package org.openhall.kiosk.terminal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Jetty handler: applies the section 6 rules in a fixed order (host and origin, route, local-only,
 * query, media type, size, JSON shape), then runs the route, serves a resource or opens an event stream.
 * Runs on a virtual thread per request, so reading a body blocks nothing else.
 */
final class Dispatcher extends Handler.Abstract {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final int STREAM_SEND_BUFFER = 32 * 1024;
    private static final byte[] STREAM_OPENED = ": connected\n\n".getBytes(StandardCharsets.US_ASCII);

    private final TerminalServer routes;
    private final RequestRules rules;
    private final Executor streamWriter;
    private final long streamIdleTimeoutMs;

    Dispatcher(TerminalServer routes, RequestRules rules, Executor streamWriter, long streamIdleTimeoutMs) {
        this.routes = routes;
        this.rules = rules;
        this.streamWriter = streamWriter;
        this.streamIdleTimeoutMs = streamIdleTimeoutMs;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String method = request.getMethod();
        String path = request.getHttpURI().getDecodedPath();
        HttpFields headers = request.getHeaders();
        Optional<String> refusal = rules.refusal(headers.get(HttpHeader.HOST), headers.get(HttpHeader.ORIGIN));
        if (refusal.isPresent()) {
            return send(request, response, callback, HttpResponse.error(403, refusal.get()));
        }
        boolean get = method.equals("GET");
        TerminalServer.Stream stream = routes.streamAt(path);
        if (stream != null && get) {
            openStream(request, response, callback, stream);
            return true;
        }
        TerminalServer.Static resource = routes.staticAt(path);
        if (resource != null && get) {
            byte[] bytes = TerminalServer.read(resource);
            return send(request, response, callback, bytes == null ? HttpResponse.error(404, "not_found")
                    : new HttpResponse(200, resource.contentType(), bytes));
        }
        Map<String, TerminalServer.Endpoint> byMethod = routes.routesFor(path);
        if (byMethod == null) {
            return send(request, response, callback, HttpResponse.error(404, "not_found"));
        }
        TerminalServer.Endpoint endpoint = byMethod.get(method);
        if (endpoint == null) {
            response.getHeaders().put(HttpHeader.ALLOW, String.join(", ", byMethod.keySet()));
            return send(request, response, callback, HttpResponse.error(405, "method_not_allowed"));
        }
        HttpResponse answer;
        try {
            answer = call(request, method, path, endpoint);
        } catch (IOException aborted) { // the client went away, or was dropped for being too slow, mid-body
            log.debug("{} {} aborted: {}", method, path, aborted.toString());
            callback.succeeded(); // nobody to answer: failing would make Jetty log a warning for a closed channel
            return true;
        }
        return send(request, response, callback, answer);
    }

    private HttpResponse call(Request request, String method, String path, TerminalServer.Endpoint endpoint) throws IOException {
        InetAddress remote = remote(request);
        if (endpoint.local() && !rules.trusted(remote)) {
            return HttpResponse.error(403, "local_only");
        }
        Map<String, String> query;
        try {
            query = QueryString.decode(request.getHttpURI().getQuery());
        } catch (IllegalArgumentException e) {
            return HttpResponse.error(400, "invalid_argument");
        }
        byte[] body = new byte[0];
        ObjectNode json = null;
        if (method.equals("POST")) {
            if (!RequestRules.isJson(request.getHeaders().get(HttpHeader.CONTENT_TYPE))) {
                return HttpResponse.error(415, "unsupported_media_type");
            }
            body = readBody(request);
            if (body == null) {
                return HttpResponse.error(413, "body_too_large");
            }
            try {
                json = JsonBody.parse(body, endpoint.fields());
            } catch (JsonBody.Invalid e) {
                return HttpResponse.error(400, "invalid_argument");
            }
        }
        HttpRequest r = new HttpRequest(method, path, query, headers(request.getHeaders()), remote, body, json);
        try {
            return endpoint.route().handle(r);
        } catch (RuntimeException e) {
            log.error("{} {} failed: {}", method, path, e.toString());
            return HttpResponse.error(500, "internal_error");
        }
    }

    /** At most {@link TerminalServer#MAX_BODY} bytes; null when the body is (or says it is) larger. */
    private static byte[] readBody(Request request) throws IOException {
        long declared = request.getLength();
        if (declared > TerminalServer.MAX_BODY) {
            return null;
        }
        try (InputStream in = Request.asInputStream(request)) {
            byte[] body = in.readNBytes(TerminalServer.MAX_BODY + 1);
            return body.length > TerminalServer.MAX_BODY ? null : body;
        }
    }

    private void openStream(Request request, Response response, Callback callback, TerminalServer.Stream stream) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        endPoint.setIdleTimeout(streamIdleTimeoutMs);
        limitSendBuffer(endPoint);
        EventStream events = stream.events();
        StreamClient[] self = new StreamClient[1];
        self[0] = new StreamClient(response, callback, endPoint, streamWriter, () -> events.remove(self[0]));
        request.addFailureListener(failure -> self[0].close("connection failed"));
        events.add(self[0]);
        self[0].send(STREAM_OPENED);
        stream.greeting().accept(events);
    }

    /**
     * A small kernel send buffer for a stream: a client that stops reading then stalls the writes within a few
     * frames (and is dropped 5 s later) instead of after megabytes of autotuned buffer.
     */
    private static void limitSendBuffer(EndPoint endPoint) {
        if (endPoint instanceof SocketChannelEndPoint socket) {
            try {
                socket.getChannel().setOption(StandardSocketOptions.SO_SNDBUF, STREAM_SEND_BUFFER);
            } catch (IOException | UnsupportedOperationException e) {
                log.debug("stream send buffer not limited: {}", e.toString());
            }
        }
    }

    /** Whether the request body has been read to its end (or had none), taking only what has already arrived. */
    private static boolean bodyEndReached(Request request) {
        long drained = 0;
        while (drained <= TerminalServer.MAX_BODY) {
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

    private static boolean send(Request request, Response response, Callback callback, HttpResponse answer) {
        response.setStatus(answer.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, answer.contentType());
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        if (!bodyEndReached(request)) {
            // answered before the body arrived (a refusal): Jetty drops the connection after this response, and
            // a client that was not told would send its next request down a closed socket
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        response.write(true, ByteBuffer.wrap(answer.body()), callback);
        return true;
    }

    private static InetAddress remote(Request request) {
        return request.getConnectionMetaData().getRemoteSocketAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
    }

    private static Map<String, String> headers(HttpFields fields) {
        Map<String, String> out = new HashMap<>();
        for (HttpField field : fields) {
            if (field.getName() != null && field.getValue() != null) {
                out.putIfAbsent(field.getName().toLowerCase(Locale.ROOT), field.getValue());
            }
        }
        return out;
    }
}

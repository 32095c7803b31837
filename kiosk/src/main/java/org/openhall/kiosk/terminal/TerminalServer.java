package org.openhall.kiosk.terminal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's local HTTP server (the JDK's own, no extra dependency). Routes are registered before
 * {@link #start()}; bodies over 64 KiB get 413, unknown paths 404, wrong methods 405, all as JSON. Requests
 * run on virtual threads, so long-lived event streams cost no platform thread.
 */
public final class TerminalServer {
    private static final Logger log = LoggerFactory.getLogger(TerminalServer.class);
    public static final int MAX_BODY = 64 * 1024;

    private final String host;
    private final int port;
    private final Map<String, Map<String, Route>> routes = new HashMap<>();
    /** Routes that take every path below a prefix (e.g. {@code /api/windows/}); the longest prefix wins. */
    private final Map<String, Map<String, Route>> prefixes = new HashMap<>();
    /** Method and path of the resident actions: taken only from loopback or trusted clients (section 6). */
    private final java.util.Set<String> localOnly = new java.util.HashSet<>();
    private final Map<String, Static> statics = new HashMap<>();
    private final Map<String, EventStream> streams = new HashMap<>();
    private final Map<String, Consumer<EventStream>> onConnect = new HashMap<>();
    private HttpServer server;
    private ExecutorService executor;

    public TerminalServer(String host, int port) {
        this.host = host;
        this.port = port;
    }

    public void route(String method, String path, Route route) {
        routes.computeIfAbsent(path, p -> new HashMap<>()).put(method, route);
    }

    /**
     * A resident action (take a ticket, rate, simulate a press): like {@link #route}, but only loopback clients
     * and {@code terminal.trusted_clients} may call it (interface.md section 6).
     */
    public void localRoute(String method, String path, Route route) {
        route(method, path, route);
        localOnly.add(method + " " + path);
    }

    /** True when {@code method path} was registered with {@link #localRoute}. */
    boolean isLocalOnly(String method, String path) {
        return localOnly.contains(method + " " + path);
    }

    /** Handles every path that starts with {@code prefix} (which ends with '/') and has no exact route. */
    public void prefixRoute(String method, String prefix, Route route) {
        if (!prefix.endsWith("/")) {
            throw new IllegalArgumentException("a route prefix ends with '/': " + prefix);
        }
        prefixes.computeIfAbsent(prefix, p -> new HashMap<>()).put(method, route);
    }

    /** The routes by method for a path: the exact ones, else those of the longest matching prefix, else null. */
    Map<String, Route> routesFor(String path) {
        Map<String, Route> exact = routes.get(path);
        if (exact != null) {
            return exact;
        }
        String best = null;
        for (String prefix : prefixes.keySet()) {
            if (path.startsWith(prefix) && path.length() > prefix.length() && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return best == null ? null : prefixes.get(best);
    }

    /** Serves a classpath resource at {@code path}. */
    public void resource(String path, String classpathResource, String contentType) {
        statics.put(path, new Static(classpathResource, contentType));
    }

    /** A Server-Sent Events endpoint; {@code greeting} sends the current state to each new client. */
    public EventStream stream(String path, Consumer<EventStream> greeting) {
        EventStream stream = new EventStream();
        streams.put(path, stream);
        onConnect.put(path, greeting);
        return stream;
    }

    public void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(host, port), 32);
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::dispatch);
        server.start();
        log.info("terminal listening on http://{}:{}/", host, port());
    }

    public int port() {
        return server == null ? port : server.getAddress().getPort();
    }

    public void stop() {
        if (server != null) {
            streams.values().forEach(EventStream::closeAll);
            server.stop(0);
            executor.shutdownNow();
        }
    }

    private void dispatch(HttpExchange exchange) {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (streams.containsKey(path) && method.equals("GET")) {
                serveStream(exchange, path);
                return;
            }
            Static resource = statics.get(path);
            if (resource != null && method.equals("GET")) {
                serveStatic(exchange, resource);
                return;
            }
            Map<String, Route> byMethod = routesFor(path);
            if (byMethod == null) {
                send(exchange, HttpResponse.error(404, "not_found"));
                return;
            }
            Route route = byMethod.get(method);
            if (route == null) {
                exchange.getResponseHeaders().set("Allow", String.join(", ", byMethod.keySet()));
                send(exchange, HttpResponse.error(405, "method_not_allowed"));
                return;
            }
            byte[] body = readBody(exchange.getRequestBody());
            if (body == null) {
                send(exchange, HttpResponse.error(413, "body_too_large"));
                return;
            }
            send(exchange, handle(route, new HttpRequest(method, path, query(exchange.getRequestURI().getRawQuery()),
                    headers(exchange), exchange.getRemoteAddress().getAddress(), body)));
        } catch (IOException e) {
            log.debug("http exchange aborted: {}", e.getMessage());
        }
    }

    private static HttpResponse handle(Route route, HttpRequest request) {
        try {
            return route.handle(request);
        } catch (RuntimeException e) {
            log.error("{} {} failed: {}", request.method(), request.path(), e.toString());
            return HttpResponse.error(500, "internal_error");
        }
    }

    /** Reads at most {@link #MAX_BODY} bytes; null when the body is larger. */
    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            in.skip(Long.MAX_VALUE);
            return null;
        }
        return body;
    }

    private static Map<String, String> headers(HttpExchange exchange) {
        Map<String, String> out = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!values.isEmpty()) {
                out.putIfAbsent(name.toLowerCase(java.util.Locale.ROOT), values.getFirst());
            }
        });
        return out;
    }

    static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(key, value);
        }
        return out;
    }

    private static void send(HttpExchange exchange, HttpResponse response) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
        if (response.body().length > 0) {
            exchange.getResponseBody().write(response.body());
        }
    }

    private void serveStatic(HttpExchange exchange, Static resource) throws IOException {
        try (InputStream in = TerminalServer.class.getResourceAsStream(resource.classpath())) {
            if (in == null) {
                send(exchange, HttpResponse.error(404, "not_found"));
                return;
            }
            send(exchange, new HttpResponse(200, resource.contentType(), in.readAllBytes()));
        }
    }

    private void serveStream(HttpExchange exchange, String path) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        EventStream stream = streams.get(path);
        stream.add(out);
        try {
            onConnect.get(path).accept(stream);
            // hold the exchange open until the client goes away; the browser reconnects by itself
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(15_000);
                synchronized (out) {
                    out.write(": keepalive\n\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stream.remove(out);
        }
    }

    private record Static(String classpath, String contentType) {}
}

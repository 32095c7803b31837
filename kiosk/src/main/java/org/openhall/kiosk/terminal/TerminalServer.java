package org.openhall.kiosk.terminal;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.Scheduler;
import org.openhall.kiosk.config.KioskConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's local HTTP server, on Jetty's core API (no servlets). Routes are registered before
 * {@link #start()}. The server, not the routes, enforces interface.md section 6: host and origin checks,
 * loopback-or-trusted clients for {@link #localRoute}s, {@code application/json} for every {@code POST},
 * strict JSON bodies of at most 64 KiB (413 beyond), at most {@code terminal.max_connections} connections,
 * 10 s for a request to arrive and at most {@link EventStream#MAX_CLIENTS} event streams. Errors are JSON
 * {@code {"error":"snake_case_word"}}. Handlers run on virtual threads; Jetty itself needs two platform
 * threads (selector and scheduler, which also sweeps) and the event streams one writer.
 */
public final class TerminalServer {
    private static final Logger log = LoggerFactory.getLogger(TerminalServer.class);
    public static final int MAX_BODY = 64 * 1024;
    /** A request's headers and body must have arrived within this (section 6). */
    static final long ARRIVAL_DEADLINE_MS = 10_000;
    /** How often slow requests and stalled streams are looked for; the reaper's deadline leaves it room. */
    static final long SWEEP_MS = 500;
    /** Idle connections (nothing in flight) are closed after this. */
    static final long IDLE_TIMEOUT_MS = 10_000;
    static final long STREAM_KEEPALIVE_MS = 10_000;

    private final KioskConfig.TerminalSettings settings;
    private final Map<String, Map<String, Endpoint>> routes = new HashMap<>();
    /** Routes that take every path below a prefix (e.g. {@code /api/windows/}); the longest prefix wins. */
    private final Map<String, Map<String, Endpoint>> prefixes = new HashMap<>();
    private final Map<String, Static> statics = new HashMap<>();
    private final Map<String, Stream> streams = new HashMap<>();
    private Server server;
    private ServerConnector connector;
    private ExecutorService streamWriter;

    /** A route and what the server checks before it runs. {@code fields} null: any body fields. */
    record Endpoint(Route route, boolean local, Set<String> fields) {}

    record Static(String classpath, String contentType) {}

    record Stream(EventStream events, Consumer<EventStream> greeting) {}

    /** Listens on {@code host:port} with the default limits and no trusted clients or extra host names. */
    public TerminalServer(String host, int port) {
        this(new KioskConfig.TerminalSettings(host, port));
    }

    public TerminalServer(KioskConfig.TerminalSettings settings) {
        this.settings = settings;
    }

    public void route(String method, String path, Route route) {
        add(routes, method, path, new Endpoint(route, false, JsonBody.ANY_FIELDS));
    }

    /** A route whose JSON body may carry only {@code fields} (400 {@code invalid_argument} otherwise). */
    public void route(String method, String path, Set<String> fields, Route route) {
        add(routes, method, path, new Endpoint(route, false, Set.copyOf(fields)));
    }

    /**
     * A resident action (take a ticket, rate, simulate a press): like {@link #route}, but only loopback clients
     * and {@code terminal.trusted_clients} may call it, others get 403 {@code local_only} (section 6).
     */
    public void localRoute(String method, String path, Route route) {
        add(routes, method, path, new Endpoint(route, true, JsonBody.ANY_FIELDS));
    }

    /** A resident action whose JSON body may carry only {@code fields}. */
    public void localRoute(String method, String path, Set<String> fields, Route route) {
        add(routes, method, path, new Endpoint(route, true, Set.copyOf(fields)));
    }

    /** Handles every path that starts with {@code prefix} (which ends with '/') and has no exact route. */
    public void prefixRoute(String method, String prefix, Route route) {
        prefixRoute(method, prefix, null, route);
    }

    /** A prefix route whose JSON body may carry only {@code fields} (null: any). */
    public void prefixRoute(String method, String prefix, Set<String> fields, Route route) {
        if (!prefix.endsWith("/")) {
            throw new IllegalArgumentException("a route prefix ends with '/': " + prefix);
        }
        add(prefixes, method, prefix, new Endpoint(route, false, fields == null ? JsonBody.ANY_FIELDS : Set.copyOf(fields)));
    }

    private static void add(Map<String, Map<String, Endpoint>> table, String method, String path, Endpoint endpoint) {
        table.computeIfAbsent(path, p -> new HashMap<>()).put(method, endpoint);
    }

    /** True when {@code method path} was registered with {@link #localRoute}. */
    boolean isLocalOnly(String method, String path) {
        Map<String, Endpoint> byMethod = routesFor(path);
        Endpoint endpoint = byMethod == null ? null : byMethod.get(method);
        return endpoint != null && endpoint.local();
    }

    /** The routes by method for a path: the exact ones, else those of the longest matching prefix, else null. */
    Map<String, Endpoint> routesFor(String path) {
        Map<String, Endpoint> exact = routes.get(path);
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

    /** A Server-Sent Events endpoint; {@code greeting} sends the current state when a client connects. */
    public EventStream stream(String path, Consumer<EventStream> greeting) {
        EventStream stream = new EventStream();
        streams.put(path, new Stream(stream, greeting));
        return stream;
    }

    Static staticAt(String path) {
        return statics.get(path);
    }

    Stream streamAt(String path) {
        return streams.get(path);
    }

    /** Reads a classpath resource, or null when it is missing. */
    static byte[] read(Static resource) throws IOException {
        try (InputStream in = TerminalServer.class.getResourceAsStream(resource.classpath())) {
            return in == null ? null : in.readAllBytes();
        }
    }

    public void start() throws IOException {
        streamWriter = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon().name("terminal-streams").unstarted(r));
        server = JettyServers.server();
        connector = JettyServers.connector(server, settings.host(), settings.port(), IDLE_TIMEOUT_MS);
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(settings.maxConnections(), connector));
        server.setErrorHandler(new JsonErrors());
        RequestRules rules = new RequestRules(settings.hostnames(), settings.trustedClients());
        server.setHandler(new Dispatcher(this, rules, streamWriter, STREAM_KEEPALIVE_MS * 3));
        try {
            server.start();
        } catch (IOException e) {
            stopQuietly();
            throw e;
        } catch (Exception e) {
            stopQuietly();
            throw new IOException(e.getMessage(), e);
        }
        startSweeper();
        log.info("terminal listening on http://{}:{}/ (at most {} connections)", settings.host(), port(),
                settings.maxConnections());
    }

    /** Every {@link #SWEEP_MS} on Jetty's own scheduler thread: slow requests, stalled and idle streams. */
    private void startSweeper() {
        SlowRequestReaper reaper = new SlowRequestReaper(connector, ARRIVAL_DEADLINE_MS - SWEEP_MS, TimeUnit.MILLISECONDS);
        long keepaliveEvery = STREAM_KEEPALIVE_MS / SWEEP_MS;
        Scheduler scheduler = server.getScheduler();
        Runnable sweep = new Runnable() {
            private long ticks;

            @Override
            public void run() {
                if (!server.isRunning()) {
                    return;
                }
                try {
                    long now = System.nanoTime();
                    reaper.sweep(now);
                    boolean keepalive = ++ticks % keepaliveEvery == 0;
                    streams.values().forEach(s -> s.events().tick(now, keepalive));
                } catch (RuntimeException e) {
                    log.warn("terminal sweep failed: {}", e.toString());
                }
                scheduler.schedule(this, SWEEP_MS, TimeUnit.MILLISECONDS);
            }
        };
        scheduler.schedule(sweep, SWEEP_MS, TimeUnit.MILLISECONDS);
    }

    public int port() {
        return connector == null || connector.getLocalPort() <= 0 ? settings.port() : connector.getLocalPort();
    }

    /** The address the server listens on (for logs and tests). */
    InetSocketAddress address() {
        return new InetSocketAddress(settings.host(), port());
    }

    public void stop() {
        if (server != null) {
            streams.values().forEach(s -> s.events().closeAll());
            stopQuietly();
        }
    }

    private void stopQuietly() {
        try {
            server.stop();
        } catch (Exception e) {
            log.debug("terminal stop: {}", e.toString());
        }
        streamWriter.shutdownNow();
    }
}

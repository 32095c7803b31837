package org.openhall.centre.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.openhall.centre.accounts.Accounts;
import org.openhall.centre.accounts.LoginThrottle;
import org.openhall.centre.accounts.Sessions;
import org.openhall.centre.commands.CommandDesk;
import org.openhall.centre.fleet.AlarmKeeper;
import org.openhall.centre.accounts.Role;
import org.openhall.centre.parcels.ParcelDesk;
import org.openhall.centre.store.CentreStore;
import org.openhall.centre.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The centre's HTTP server on Jetty 12 core: the JSON API, the pages and their static files. */
public final class CentreWeb {
    private static final Logger log = LoggerFactory.getLogger(CentreWeb.class);
    private static final String ECHARTS = "/META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
    private static final Map<String, String> STATIC = Map.of(
            "/static/centre.css", "text/css; charset=utf-8",
            "/static/centre.js", "text/javascript; charset=utf-8",
            "/static/reports.js", "text/javascript; charset=utf-8",
            "/static/reports.css", "text/css; charset=utf-8",
            "/static/report-print.css", "text/css; charset=utf-8",
            "/static/echarts.min.js", "text/javascript; charset=utf-8");
    private final String host;
    private final int port;
    private final Guard guard;
    private final ApiRoutes api;
    private final PageRoutes pages;
    private final ParcelWeb parcels;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private Server server;
    private ReportApi reportApi;
    private ReportPages reportPages;

    public CentreWeb(String host, int port, CentreStore store, Accounts accounts, AlarmKeeper alarms, CommandDesk commands,
            Supplier<Health> health, Clock clock, ZoneId zone, ParcelDesk parcelDesk) {
        this.host = host;
        this.port = port;
        ObjectMapper json = new ObjectMapper();
        byte[] key = java.util.Base64.getDecoder().decode(store.secret("session-key", CentreWeb::newKey));
        this.guard = new Guard(accounts, new Sessions(key), clock);
        Views views = new Views(json, zone);
        this.api = new ApiRoutes(store, alarms, commands, health, views, json, guard, zone);
        this.parcels = new ParcelWeb(parcelDesk, guard, views, json);
        this.pages = new PageRoutes(store, accounts, new LoginThrottle(5, 5 * 60_000L, clock::millis), alarms, guard, views);
    }

    private static String newKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }

    /** Adds the reports and cases routes (issue "reports"); call before {@link #start()}. */
    public void addReports(org.openhall.centre.reports.ReportsModule module) {
        this.reportApi = new ReportApi(module, new ObjectMapper(), guard);
        this.reportPages = new ReportPages(module, guard);
    }

    public void start() throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(48, 4);
        threads.setName("centre-http");
        server = new Server(threads);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(30_000);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                dispatch(new Exchange(request, response, callback));
                return true;
            }
        });
        server.start();
        log.info("centre HTTP on {}:{}", host, port());
    }

    /** The bound port (useful when configured as 0). */
    /** True while the HTTP server runs (started and not failed or stopped). */
    public boolean running() {
        return server != null && server.isRunning();
    }

    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    public void stop() {
        if (server != null) {
            try {
                server.stop();
            } catch (Exception e) {
                log.warn("HTTP stop: {}", e.getMessage());
            }
        }
    }

    private void dispatch(Exchange x) {
        try {
            if (STATIC.containsKey(x.path)) {
                serveStatic(x);
                return;
            }
            guard.identify(x);
            if (ParcelWeb.handles(x.path)) {
                parcels.handle(x);
            } else if (x.principal != null && x.principal.role() == Role.WORKER && !x.path.equals("/logout")) {
                // a grid worker sees their parcels and nothing of the fleet
                if (x.path.startsWith("/api/")) {
                    x.error(403, "forbidden");
                } else {
                    x.redirect("/parcels");
                }
            } else if (reportApi != null && x.principal != null && (reportApi.handle(x) || reportPages.handle(x))) {
                return;
            } else if (x.path.startsWith("/api/")) {
                api.handle(x);
            } else {
                pages.handle(x);
            }
        } catch (Exchange.BodyTooLarge e) {
            x.error(413, "too_large");
        } catch (StoreException e) {
            log.warn("{} {}: {}", x.method, x.path, e.getMessage());
            x.error(503, "database_unavailable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            x.error(503, "stopping");
        } catch (IOException | RuntimeException e) {
            log.warn("{} {} failed", x.method, x.path, e);
            x.error(500, "internal");
        } finally {
            if (!x.done) {
                x.error(500, "internal");
            }
        }
    }

    private void serveStatic(Exchange x) throws IOException {
        byte[] bytes = files.get(x.path);
        if (bytes == null) {
            String resource = x.path.equals("/static/echarts.min.js") ? ECHARTS : "/org/openhall/centre/web" + x.path;
            try (InputStream in = CentreWeb.class.getResourceAsStream(resource)) {
                if (in == null) {
                    x.error(404, "not_found");
                    return;
                }
                bytes = in.readAllBytes();
            }
            files.put(x.path, bytes);
        }
        x.response.getHeaders().put("Cache-Control", "max-age=3600");
        x.sendBytes(200, STATIC.get(x.path), bytes);
    }
}

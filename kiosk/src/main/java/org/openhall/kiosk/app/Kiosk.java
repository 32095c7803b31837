package org.openhall.kiosk.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.openhall.kiosk.commands.BasicHandlers;
import org.openhall.kiosk.commands.CommandHandler;
import org.openhall.kiosk.commands.CommandProcessor;
import org.openhall.kiosk.config.KioskConfig;
import org.openhall.kiosk.events.EventCodec;
import org.openhall.kiosk.mqtt.MqttLink;
import org.openhall.kiosk.outbox.Database;
import org.openhall.kiosk.outbox.Outbox;
import org.openhall.kiosk.outbox.Relay;
import org.openhall.kiosk.telemetry.SystemProbe;
import org.openhall.kiosk.telemetry.Telemetry;
import org.openhall.kiosk.telemetry.TelemetryInputs;
import org.openhall.kiosk.terminal.HttpResponse;
import org.openhall.kiosk.terminal.TerminalServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: the only class that knows every part. The constructor only remembers its inputs;
 * {@link #start()} builds and starts the parts in a fixed order (storage, devices, link, terminal) and
 * {@link #stop()} stops them in reverse. Holds no static state, so several kiosks can share one JVM.
 */
public final class Kiosk {
    private static final Logger log = LoggerFactory.getLogger(Kiosk.class);
    /** Unacknowledged events the relay allows; below Paho's own cap so Paho never refuses a publish. */
    static final int RELAY_WINDOW = MqttLink.RELAY_WINDOW;

    private final KioskConfig config;
    private final boolean simulate;
    private final Clock clock;
    private final String version;
    private final Map<String, String> env;
    private final ObjectMapper json = new ObjectMapper();
    private final Deque<Runnable> stopActions = new ArrayDeque<>();

    private DataDirectory dataDir;
    private Database database;
    private Outbox outbox;
    private MqttLink link;
    private Relay relay;
    private Telemetry telemetry;
    private CommandProcessor commands;
    private TerminalServer terminal;
    private ScheduledExecutorService timer;
    private volatile boolean running;

    public Kiosk(KioskConfig config, boolean simulate, Clock clock, String version, Map<String, String> env) {
        this.config = config;
        this.simulate = simulate;
        this.clock = clock;
        this.version = version;
        this.env = Map.copyOf(env);
    }

    public synchronized void start() throws StartupException {
        try {
            startStorage();
            startDevices();
            startLink();
            startTerminal();
            running = true;
            log.info("kiosk {} ready (site {}, {} categories, {} evaluators{})", config.kiosk().id(), config.kiosk().site(),
                    config.categories().size(), config.evaluators().size(), simulate ? ", simulated hardware" : "");
        } catch (StartupException | RuntimeException e) {
            stop();
            throw e;
        }
    }

    private void startStorage() throws StartupException {
        dataDir = new DataDirectory(config.kiosk().dataDir());
        dataDir.open();
        stopActions.push(dataDir::close);
        database = new Database(dataDir.path().resolve("kiosk.db"), clock);
        database.open();
        stopActions.push(database::close);
        EventCodec codec = new EventCodec(json, config.kiosk().id(), config.kiosk().site());
        outbox = new Outbox(database, dataDir.path().resolve("seq.floor"), codec, json, clock,
                config.kiosk().timezone(), config.outbox().maxEvents());
        outbox.start();
        stopActions.push(outbox::stop);
        timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("kiosk-timer").unstarted(r));
        stopActions.push(timer::shutdownNow);
    }

    private void startDevices() {
        // devices (printer, evaluators, ticket buttons) are added here by their issues
    }

    private void startLink() {
        link = new MqttLink(config, json, clock, version, RandomGenerator.getDefault());
        telemetry = new Telemetry(outbox, new TelemetryInputs(outbox::stats, link::reconnects, this::printerState,
                () -> 0, () -> 0), SystemProbe.of(dataDir.path()), json, clock);
        commands = new CommandProcessor(outbox, database, commandHandlers(), json, clock);
        commands.start();
        stopActions.push(commands::stop);
        link.commands(commands);
        relay = new Relay(outbox, link, clock, RELAY_WINDOW, TimeUnit.HOURS.toMillis(config.outbox().telemetryTtlH()));
        relay.start();
        stopActions.push(relay::stop);
        link.start();
        stopActions.push(() -> link.stop(3_000));
        long interval = config.telemetry().intervalS();
        timer.scheduleAtFixedRate(this::reportTelemetry, interval, interval, TimeUnit.SECONDS);
    }

    private Map<String, CommandHandler> commandHandlers() {
        Map<String, CommandHandler> handlers = new HashMap<>();
        handlers.put("ping", BasicHandlers.ping());
        handlers.put("telemetry", BasicHandlers.telemetry(telemetry::report));
        return handlers;
    }

    private void reportTelemetry() {
        try {
            telemetry.report();
        } catch (RuntimeException e) {
            log.warn("telemetry not recorded: {}", e.toString());
        }
    }

    private void startTerminal() throws StartupException {
        terminal = new TerminalServer(config.terminal().host(), config.terminal().port());
        terminal.route("GET", "/api/health", request -> HttpResponse.json(200, health()));
        try {
            terminal.start();
        } catch (IOException e) {
            throw new StartupException("cannot listen on " + config.terminal().host() + ":" + config.terminal().port()
                    + " (terminal.listen): " + e.getMessage());
        }
        stopActions.push(terminal::stop);
    }

    ObjectNode health() {
        ObjectNode h = json.createObjectNode();
        h.put("status", running ? "ok" : "starting");
        h.put("kiosk", config.kiosk().id());
        h.put("mqtt", link != null && link.connected() ? "connected" : "disconnected");
        h.put("outboxDepth", outbox.depth());
        h.put("printer", printerState());
        return h;
    }

    private String printerState() {
        return "none";
    }

    /** True while the loops the watchdog vouches for are alive. */
    public boolean healthy() {
        return running;
    }

    public int httpPort() {
        return terminal.port();
    }

    public KioskConfig config() {
        return config;
    }

    /** Stops everything started so far, in reverse order; safe to call more than once. */
    public synchronized void stop() {
        running = false;
        while (!stopActions.isEmpty()) {
            Runnable action = stopActions.pop();
            try {
                action.run();
            } catch (RuntimeException e) {
                log.warn("while stopping: {}", e.toString());
            }
        }
    }
}

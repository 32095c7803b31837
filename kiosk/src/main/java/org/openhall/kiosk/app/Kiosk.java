package org.openhall.kiosk.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.openhall.kiosk.commands.BasicHandlers;
import org.openhall.kiosk.commands.CommandHandler;
import org.openhall.kiosk.commands.CommandProcessor;
import org.openhall.kiosk.commands.QueueHandlers;
import org.openhall.kiosk.commands.ServingHandler;
import org.openhall.kiosk.commands.WindowHandlers;
import org.openhall.kiosk.commands.WorkersHandler;
import org.openhall.kiosk.config.KioskConfig;
import org.openhall.kiosk.events.EventCodec;
import org.openhall.kiosk.gpio.pi4j.Pi4jGpio;
import org.openhall.kiosk.gpio.sim.PressSimulator;
import org.openhall.kiosk.json.Json;
import org.openhall.kiosk.mqtt.MqttLink;
import org.openhall.kiosk.outbox.Outbox;
import org.openhall.kiosk.outbox.Relay;
import org.openhall.kiosk.parcels.ParcelService;
import org.openhall.kiosk.printer.Printer;
import org.openhall.kiosk.printer.PrinterState;
import org.openhall.kiosk.printer.PrinterStatusReporter;
import org.openhall.kiosk.ratings.RatingService;
import org.openhall.kiosk.storage.Database;
import org.openhall.kiosk.telemetry.SystemProbe;
import org.openhall.kiosk.telemetry.Telemetry;
import org.openhall.kiosk.telemetry.TelemetryInputs;
import org.openhall.kiosk.terminal.HallPages;
import org.openhall.kiosk.terminal.HttpResponse;
import org.openhall.kiosk.terminal.LiveUpdates;
import org.openhall.kiosk.terminal.ParcelPage;
import org.openhall.kiosk.terminal.ParcelRoutes;
import org.openhall.kiosk.terminal.RatingRoutes;
import org.openhall.kiosk.terminal.RatingWindows;
import org.openhall.kiosk.terminal.SimRoutes;
import org.openhall.kiosk.terminal.TerminalPage;
import org.openhall.kiosk.terminal.TerminalServer;
import org.openhall.kiosk.terminal.TicketRoutes;
import org.openhall.kiosk.terminal.VoiceRoutes;
import org.openhall.kiosk.terminal.WindowRoutes;
import org.openhall.kiosk.tickets.CallerKeys;
import org.openhall.kiosk.tickets.CallingService;
import org.openhall.kiosk.tickets.TicketButton;
import org.openhall.kiosk.tickets.TicketService;
import org.openhall.kiosk.voice.Announcements;
import org.openhall.kiosk.voice.Espeak;
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
    private static final long HEARTBEAT_MS = 5_000;
    private static final long HEARTBEAT_STALE_MS = 30_000;
    static final int RELAY_WINDOW = MqttLink.RELAY_WINDOW;
    /** How often an idle printer is asked for its status, so an empty roll is known before a resident finds it. */
    static final int PRINTER_POLL_S = 3;
    static final long RECOVERY_GUARD_MIN = 10;

    private final KioskConfig config;
    private final boolean simulate;
    private final Clock clock;
    private final String version;
    private final Map<String, String> env;
    private final Json json = new Json();
    private final Deque<Runnable> stopActions = new ArrayDeque<>();

    private DataDirectory dataDir;
    private Database database;
    private Outbox outbox;
    private Pi4jGpio gpio;
    private RatingService ratings;
    private MqttLink link;
    private Relay relay;
    private Telemetry telemetry;
    private Printer printer;
    private TicketService tickets;
    private ParcelService parcels;
    private CallingService calling;
    private CommandProcessor commands;
    private TerminalServer terminal;
    private LiveUpdates live;
    /** Housekeeping: heartbeat, telemetry, live updates. */
    private ScheduledExecutorService timer;
    /** Button edges, debounce, rating commits and their LEDs: never behind a printer poll or a client. */
    private ScheduledExecutorService buttons;
    /** The idle printer's status poll (up to 1.5 s a poll). */
    private ScheduledExecutorService printerPoll;
    private volatile long lastButtonsBeatMs;
    /** Set for the restart after SQLite reported corruption while running: the file is moved aside at open. */
    private volatile boolean quarantineOnOpen;
    private volatile long lastRecoveryNanos;
    private volatile boolean running;
    private volatile long lastHeartbeatMs;

    public Kiosk(KioskConfig config, boolean simulate, Clock clock, String version, Map<String, String> env) {
        this.config = config;
        this.simulate = simulate;
        this.clock = clock;
        this.version = version;
        this.env = Map.copyOf(env);
    }

    public synchronized void start() throws StartupException {
        try {
            long t0 = System.nanoTime();
            startStorage();
            long t1 = System.nanoTime();
            startDevices();
            long t2 = System.nanoTime();
            startLink();
            long t3 = System.nanoTime();
            startTerminal();
            startScanners();
            database.salvageDone();
            long t4 = System.nanoTime();
            running = true;
            log.info("kiosk {} ready (site {}, {} categories, {} evaluators{}); started in {} ms: storage {}, devices {},"
                    + " link {}, terminal {}", config.kiosk().id(), config.kiosk().site(), config.categories().size(),
                    config.evaluators().size(), simulate ? ", simulated hardware" : "", ms(t4 - t0), ms(t1 - t0),
                    ms(t2 - t1), ms(t3 - t2), ms(t4 - t3));
        } catch (StartupException | RuntimeException e) {
            stop();
            throw e;
        }
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private void startStorage() throws StartupException {
        dataDir = new DataDirectory(config.kiosk().dataDir());
        dataDir.open();
        stopActions.push(dataDir::close);
        database = new Database(dataDir.path().resolve("kiosk.db"), clock);
        database.open(quarantineOnOpen);
        database.onCorruption(this::recoverFromCorruption);
        stopActions.push(database::close);
        EventCodec codec = new EventCodec(json, config.kiosk().id(), config.kiosk().site());
        outbox = new Outbox(database, dataDir.path().resolve("seq.floor"), codec, json, clock,
                config.kiosk().timezone(), config.outbox().maxEvents());
        outbox.start();
        stopActions.push(outbox::stop);
        timer = singleThread("kiosk-timer");
        buttons = singleThread("kiosk-buttons");
        printerPoll = singleThread("printer-poll");
    }

    /**
     * One scheduled thread; stopped (after the parts that use it) by letting a task in hand finish. On stop,
     * pending delays (LED off, stuck-button checks) are dropped.
     */
    private ScheduledExecutorService singleThread(String name) {
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, r -> Thread.ofPlatform().name(name).unstarted(r));
        pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        pool.setRemoveOnCancelPolicy(true);
        stopActions.push(() -> stopExecutor(pool));
        return pool;
    }

    private void startDevices() {
        gpio = simulate ? Pi4jGpio.simulated(clock, buttons) : Pi4jGpio.gpiod(clock, buttons); // opens on first pin claimed
        stopActions.push(gpio::close);
        startTickets();
        startRatings();
    }

    private void startTickets() {
        printer = Printers.build(config.printer(), simulate, dataDir.path());
        stopActions.push(printer::close);
        PrinterStatusReporter.attach(printer, database);
        tickets = new TicketService(config, database, printer, clock);
        tickets.start();
        parcels = new ParcelService(config, database, printer, clock, System::nanoTime);
        parcels.start();
        calling = new CallingService(tickets, config.windows(), database, clock, config.kiosk().timezone());
        if (printer.present()) {
            // the first check at once but on the poll's thread: a printer that is off would hold the start for its
            // 500 ms answer timeout; issuing checks the printer itself, so nothing relies on this first answer
            printerPoll.scheduleWithFixedDelay(printer::pollIfIdle, 0, PRINTER_POLL_S, TimeUnit.SECONDS);
        }
        startCallerKeys();
        if (!config.ticketButtons().isEmpty()) {
            // button edges arrive on the buttons thread, which must not wait for the printer
            ExecutorService issuing = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().name("ticket-buttons").unstarted(r));
            stopActions.push(issuing::shutdownNow);
            for (KioskConfig.TicketButton b : config.ticketButtons()) {
                TicketButton button = new TicketButton(tickets, b.category(), issuing, System::nanoTime);
                gpio.button(b.pin()).subscribe(edge -> {
                    if (edge.pressed()) {
                        button.pressed();
                    }
                });
            }
        }
    }

    /** The windows' caller keys act on their own thread: a press never waits behind a ticket being printed. */
    private void startCallerKeys() {
        if (config.windows().stream().allMatch(w -> w.caller().isEmpty())) {
            return;
        }
        ExecutorService keys = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().name("caller-keys").unstarted(r));
        stopActions.push(keys::shutdownNow);
        new CallerKeys(calling, keys).attach(config.windows(), gpio);
    }

    private void startRatings() {
        ratings = new RatingService(database, json, clock, config.kiosk().timezone(), buttons);
        ratings.start();
        // a call opens the window's rating invite and attributes its ratings to the called ticket
        calling.onCalled(ratings::called);
        config.evaluators().forEach(evaluator -> ratings.attach(evaluator, gpio));
    }

    private void startLink() {
        link = new MqttLink(config, json, clock, version, RandomGenerator.getDefault());
        telemetry = new Telemetry(database, new TelemetryInputs(outbox::stats, link::reconnects, this::printerState,
                tickets::ticketsToday, ratings::ratingsToday), SystemProbe.of(dataDir.path()), json, clock);
        commands = new CommandProcessor(database, commandHandlers(), json, clock);
        commands.start();
        stopActions.push(commands::stop);
        link.commands(commands);
        relay = new Relay(outbox, link, clock, RELAY_WINDOW, TimeUnit.HOURS.toMillis(config.outbox().telemetryTtlH()));
        relay.start();
        stopActions.push(relay::stop);
        link.start();
        stopActions.push(() -> link.stop(3_000));
        lastHeartbeatMs = clock.millis();
        timer.scheduleAtFixedRate(this::heartbeat, HEARTBEAT_MS, HEARTBEAT_MS, TimeUnit.MILLISECONDS);
        lastButtonsBeatMs = clock.millis();
        buttons.scheduleAtFixedRate(() -> lastButtonsBeatMs = clock.millis(), HEARTBEAT_MS, HEARTBEAT_MS, TimeUnit.MILLISECONDS);
        long interval = config.telemetry().intervalS();
        timer.scheduleAtFixedRate(this::reportTelemetry, interval, interval, TimeUnit.SECONDS);
    }

    private Map<String, CommandHandler> commandHandlers() {
        Map<String, CommandHandler> handlers = new HashMap<>();
        handlers.put("ping", BasicHandlers.ping());
        handlers.put("telemetry", BasicHandlers.telemetry(telemetry::report));
        handlers.put("serving", new ServingHandler(ratings));
        QueueHandlers queue = new QueueHandlers(tickets);
        handlers.putAll(new WindowHandlers(calling, tickets).all());
        handlers.put("reprint", queue.reprint());
        handlers.put("categories", queue.categories());
        handlers.put("print-test", queue.printTest());
        handlers.put("workers", new WorkersHandler(parcels));
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
        terminal = new TerminalServer(config.terminal());
        terminal.route("GET", "/api/health", request -> HttpResponse.json(200, health()));
        new TicketRoutes(tickets, json).register(terminal);
        new RatingRoutes(ratings, json).register(terminal);
        new WindowRoutes(calling, json).register(terminal);
        new ParcelRoutes(parcels, config.windows(), json).register(terminal);
        ParcelPage.register(terminal);
        Announcements voice = announcements();
        new VoiceRoutes(voice, calling).register(terminal);
        new HallPages(config.display(), voice.speaks(), json).register(terminal);
        gpio.driver().ifPresent(pins -> new SimRoutes(new PressSimulator(pins, buttons), json).register(terminal));
        startTerminalPage();
        try {
            terminal.start();
        } catch (IOException e) {
            throw new StartupException("cannot listen on " + config.terminal().host() + ":" + config.terminal().port()
                    + " (terminal.listen): " + e.getMessage());
        }
        stopActions.push(terminal::stop);
    }

    /** After the terminal: a scan's outcome goes to the parcel page through its event stream. */
    private void startScanners() {
        Scanners scanners = new Scanners(config.windows(), parcels, live::scanned);
        scanners.start();
        stopActions.push(scanners::stop);
    }

    /** The calls' audio, cached in systemd's CacheDirectory= when there is one, else in data_dir/cache. */
    private Announcements announcements() {
        java.nio.file.Path cache = env.containsKey("CACHE_DIRECTORY")
                ? java.nio.file.Path.of(env.get("CACHE_DIRECTORY").split(":")[0]) : dataDir.path().resolve("cache");
        String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        Announcements a = new Announcements(config.display(), Espeak.locate(config.display().speechEngine(), path)
                .map(p -> new Espeak(p, cache.resolve("tmp"))), cache.resolve("voice"));
        a.start();
        return a;
    }

    /** The self-service page, its window list and its live updates (package terminal). */
    private void startTerminalPage() {
        TerminalPage.register(terminal);
        new RatingWindows(json, config.evaluators().stream()
                .map(e -> new RatingWindows.Window(e.window(), !e.buttons().isEmpty())).toList()).register(terminal);
        live = new LiveUpdates(tickets::queue, this::printerState, this::mqttState,
                new LiveUpdates.Hall(calling::status, () -> calling.recentCalls(config.display().recent() + 1)), json);
        live.register(terminal);
        live.start(timer);
        calling.onCall(live::called);
        outbox.onCommit(live::changed);
        tickets.onChange(live::changed); // a category change commits no event
    }

    private String mqttState() {
        return link != null && link.connected() ? "connected" : "disconnected";
    }

    ObjectNode health() {
        return new Health(json, config.kiosk().id(), database.health(),
                () -> printer == null ? PrinterState.NONE : printer.state(), gpio::failing, this::mqttState,
                outbox::depth).report();
    }

    private String printerState() {
        return printer == null ? "none" : printer.state().wireName();
    }

    /**
     * SQLite reported corruption on a write: the parts are stopped and started again on a fresh file, the
     * corrupt one moved aside and salvaged exactly as at a start. At most once per
     * {@link #RECOVERY_GUARD_MIN} minutes: a card that keeps corrupting files is reported (storage_failing),
     * not restarted in a loop.
     */
    private void recoverFromCorruption() {
        long now = System.nanoTime();
        if (lastRecoveryNanos != 0 && now - lastRecoveryNanos < TimeUnit.MINUTES.toNanos(RECOVERY_GUARD_MIN)) {
            log.error("database corrupt again within {} minutes of the last recovery: not restarting again", RECOVERY_GUARD_MIN);
            return;
        }
        lastRecoveryNanos = now;
        Thread.ofPlatform().name("kiosk-recovery").start(() -> {
            log.error("restarting on a fresh database; the corrupt one is moved aside and salvaged");
            stop();
            quarantineOnOpen = true;
            try {
                start();
            } catch (StartupException | RuntimeException e) {
                log.error("restart after database corruption failed: {}", e.toString());
            } finally {
                quarantineOnOpen = false;
            }
        });
    }

    /** True once the parts run (again, after a recovery). */
    public boolean running() {
        return running;
    }

    /** The queue, for the command handlers and tests. */
    public TicketService tickets() {
        return tickets;
    }

    /** The parcels (registration, workers, hand-overs), for tests. */
    public ParcelService parcels() {
        return parcels;
    }

    /** Calling at the windows, for tests. */
    public CallingService calling() {
        return calling;
    }

    /** Lets a transaction already running on the executor finish before the database closes. */
    private static void stopExecutor(ScheduledExecutorService executor) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * True while the loops the watchdog vouches for are alive: the relay, the MQTT connect loop, the command
     * thread, a timer heartbeat that also proves the database lock can be taken, and a beat of the buttons thread.
     */
    public boolean healthy() {
        long now = clock.millis();
        return running && relay.alive() && link.alive() && commands.alive()
                && now - lastHeartbeatMs < HEARTBEAT_STALE_MS && now - lastButtonsBeatMs < HEARTBEAT_STALE_MS;
    }

    private void heartbeat() {
        try {
            database.inTransaction(c -> null);
            lastHeartbeatMs = clock.millis();
            database.checkStorage();
        } catch (RuntimeException e) {
            // a periodic task that throws is never run again: stay scheduled, let the beat go stale instead
            log.warn("heartbeat: database not usable: {}", e.toString());
        }
    }

    public int httpPort() {
        return terminal.port();
    }

    /** The evaluators' ratings (the command handlers call {@code serving} and {@code called} on it). */
    public RatingService ratings() {
        return ratings;
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

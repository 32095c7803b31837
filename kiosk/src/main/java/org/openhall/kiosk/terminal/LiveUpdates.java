package org.openhall.kiosk.terminal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.openhall.kiosk.json.Json;
import org.openhall.kiosk.parcels.ScanOutcome;
import org.openhall.kiosk.tickets.Call;
import org.openhall.kiosk.tickets.CategoryQueue;
import org.openhall.kiosk.tickets.WindowStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/events}: Server-Sent Events that keep the terminal page current without reloading. Each
 * new client gets the current state at once; afterwards an {@code event: state} goes out only when the
 * snapshot (waiting counts, printer state, MQTT state, the windows and the latest calls) actually changed, and
 * only while a page listens. Each call also goes out at once as an {@code event: call}, which the hall screen
 * announces, and each code a window's serial scanner read as an {@code event: scan}, which that window's
 * parcel page acts on. The parts come from suppliers given by the composition root.
 */
public final class LiveUpdates {
    private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);
    static final String EVENT = "state";
    static final String CALL = "call";
    static final String SCAN = "scan";
    /** How often the state is checked without a commit: the MQTT link changes state on no commit. */
    static final long CHECK_SECONDS = 5;

    /** What the page shows; compared with the last one sent to decide whether to send. */
    record Snapshot(List<CategoryQueue> queue, String printer, String mqtt, List<WindowStatus> windows, List<Call> calls) {}

    /** The hall's part of the snapshot: the windows' state and the latest calls. */
    public record Hall(Supplier<List<WindowStatus>> windows, Supplier<List<Call>> calls) {
        static final Hall NONE = new Hall(List::of, List::of);
    }

    private final Supplier<List<CategoryQueue>> queue;
    private final Supplier<String> printer;
    private final Supplier<String> mqtt;
    private final Json json;
    private final Hall hall;
    private final AtomicBoolean refreshPending = new AtomicBoolean();
    private EventStream stream;
    private Executor worker;
    private volatile Snapshot lastSent;

    public LiveUpdates(Supplier<List<CategoryQueue>> queue, Supplier<String> printer, Supplier<String> mqtt, Json json) {
        this(queue, printer, mqtt, Hall.NONE, json);
    }

    public LiveUpdates(Supplier<List<CategoryQueue>> queue, Supplier<String> printer, Supplier<String> mqtt, Hall hall,
            Json json) {
        this.queue = queue;
        this.printer = printer;
        this.mqtt = mqtt;
        this.hall = hall;
        this.json = json;
    }

    /** A call committed: every page hears it at once (on the timer, so the caller never waits for a slow page). */
    public void called(Call call) {
        send(CALL, json.write(WindowRoutes.call(json.createObjectNode(), call)));
    }

    /**
     * A window's serial scanner read a code: its parcel page re-reads its hand-over and shows the refusal, if
     * any ({@code event: scan}: the window, the hand-over id and the refusal's word and field, nothing else).
     */
    public void scanned(ScanOutcome outcome) {
        ObjectNode data = json.createObjectNode().put("window", outcome.window());
        if (outcome.handoverId() != null) {
            data.put("handoverId", outcome.handoverId());
        }
        if (!outcome.added()) {
            data.put("error", outcome.error());
            if (outcome.field() != null) {
                data.put("field", outcome.field());
            }
        }
        send(SCAN, json.write(data));
    }

    private void send(String event, String data) {
        if (worker == null) {
            return;
        }
        try {
            worker.execute(() -> {
                try {
                    stream.broadcast(event, data);
                } catch (RuntimeException e) {
                    log.warn("{} not sent to the pages: {}", event, e.toString());
                }
            });
        } catch (RejectedExecutionException stopping) {
            // the kiosk is shutting down: nobody to tell
        }
    }

    /** Registers the stream; call before the server starts. */
    public void register(TerminalServer server) {
        stream = server.stream("/api/events", this::greet);
    }

    /** Starts the periodic check on {@code timer}, which also runs every refresh after a commit. */
    public void start(ScheduledExecutorService timer) {
        worker = timer;
        timer.scheduleWithFixedDelay(this::refreshQuietly, CHECK_SECONDS, CHECK_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * Something may have changed (e.g. an outbox commit). Cheap for the caller: the recomputation runs on the
     * timer, and a burst of commits costs one recomputation.
     */
    public void changed() {
        if (worker != null && refreshPending.compareAndSet(false, true)) {
            try {
                worker.execute(() -> {
                    refreshPending.set(false);
                    refreshQuietly();
                });
            } catch (RejectedExecutionException stopping) {
                refreshPending.set(false); // the kiosk is shutting down: nobody to tell
            }
        }
    }

    /** Sends the snapshot if it differs from the last one sent. */
    void refresh() {
        if (stream.clients() == 0) {
            lastSent = null; // nobody listens: no queries; a page that connects is greeted with a fresh state
            return;
        }
        Snapshot now = snapshot();
        if (!now.equals(lastSent)) {
            lastSent = now;
            stream.broadcast(EVENT, render(now));
        }
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            log.warn("terminal state not refreshed: {}", e.toString());
        }
    }

    /**
     * The server's greeting hook hands us the whole stream, not the new client, so the current state goes to
     * every client; the page treats a repeated state as a no-op.
     */
    private void greet(EventStream all) {
        Snapshot now = snapshot();
        lastSent = now;
        all.broadcast(EVENT, render(now));
    }

    Snapshot snapshot() {
        return new Snapshot(List.copyOf(queue.get()), Objects.requireNonNull(printer.get()),
                Objects.requireNonNull(mqtt.get()), List.copyOf(hall.windows().get()), List.copyOf(hall.calls().get()));
    }

    String render(Snapshot s) {
        ObjectNode root = json.createObjectNode();
        ArrayNode lines = root.putArray("queue");
        for (CategoryQueue q : s.queue()) {
            lines.addObject().put("code", q.code()).put("name", q.name()).put("nameEn", q.nameEn())
                    .put("waiting", q.waiting());
        }
        root.put("printer", s.printer());
        root.put("mqtt", s.mqtt());
        ArrayNode windows = root.putArray("windows");
        s.windows().forEach(w -> windows.add(WindowRoutes.status(json, w)));
        WindowRoutes.calls(root.putArray("calls"), s.calls());
        return json.write(root);
    }
}

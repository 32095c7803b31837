package org.openhall.kiosk.tickets;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.openhall.kiosk.config.WindowSettings;
import org.openhall.kiosk.events.EventType;
import org.openhall.kiosk.refusals.Refusal;
import org.openhall.kiosk.storage.Database;
import org.openhall.kiosk.storage.SqlWork;
import org.openhall.kiosk.storage.Tx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calling in the hall (interface.md section 7): a ticket goes waiting → called (again on recall) → completed or
 * no_show, or back to waiting at the front of another queue on transfer; windows pause and resume. Every action
 * is one outbox transaction holding the change and its event, so what the hall screen shows and what the centre
 * hears never disagree, and the database's single writer makes two windows pressing "next" at once get two
 * tickets. Refusals ({@link org.openhall.kiosk.refusals.RefusedException}) roll everything back. Caller keys, the clerk page and the
 * centre's commands all come here; {@code channel} says which.
 *
 * <p>Without {@code [[windows]]} any window id is accepted and serves every category, as before windows existed.
 */
public final class CallingService {
    private static final Logger log = LoggerFactory.getLogger(CallingService.class);
    public static final Set<String> CHANNELS = Set.of("counter", "button", "command");
    /** The most calls {@link #recentCalls} returns. */
    public static final int MAX_RECENT = 100;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** A window id as the configuration allows it; also all an implicit window's name can be made of. */
    private static final Pattern WINDOW_ID = Pattern.compile("^[A-Za-z0-9_-]{1,16}$");

    private final TicketService tickets;
    private final Database database;
    private final Clock clock;
    private final ZoneId zone;
    private final Map<String, WindowSettings> configured = new LinkedHashMap<>();
    private final CallStore store = new CallStore();
    private final List<Consumer<Call>> callListeners = new CopyOnWriteArrayList<>();
    private final List<BiConsumer<String, String>> calledListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();

    public CallingService(TicketService tickets, List<WindowSettings> windows, Database database, Clock clock,
            ZoneId zone) {
        this.tickets = tickets;
        this.database = database;
        this.clock = clock;
        this.zone = zone;
        windows.forEach(w -> configured.put(w.id(), w));
    }

    /** The configured windows; empty when the kiosk has no {@code [[windows]]}. */
    public List<WindowSettings> windows() {
        return List.copyOf(configured.values());
    }

    /** The window's settings: configured, or implicit (all categories) when none are configured; empty if unknown. */
    public Optional<WindowSettings> window(String id) {
        if (configured.isEmpty()) {
            return id == null || !WINDOW_ID.matcher(id).matches() ? Optional.empty() : Optional.of(WindowSettings.implicit(id));
        }
        return Optional.ofNullable(configured.get(id));
    }

    /**
     * Calls the next waiting ticket for the window from {@code categories}, or from the window's own when that is
     * empty (all when the window names none); completes the window's previous ticket first.
     */
    public String next(String window, List<String> categories, String channel) {
        WindowSettings w = require(window);
        List<String> from = categories.isEmpty() ? w.categories() : List.copyOf(categories);
        return inOutbox(tx -> {
            LocalDate day = store.recordToday(tx.connection(), clock, zone);
            requireOpen(w).run(tx);
            CallStore.Ticket next = store.nextWaiting(tx.connection(), day, from).orElseThrow(
                    () -> Refusal.QUEUE_EMPTY.because("nobody is waiting" + (from.isEmpty() ? "" : " in " + from)));
            return callTicket(day, w, next, channel).run(tx);
        });
    }

    /** Calls today's ticket {@code number} out of order: it must be waiting or a no-show. */
    public String callNumber(String window, String number, String channel) {
        WindowSettings w = require(window);
        return inOutbox(tx -> {
            LocalDate day = store.recordToday(tx.connection(), clock, zone);
            requireOpen(w).run(tx);
            CallStore.Ticket t = store.byNumber(tx.connection(), day, number)
                    .filter(x -> x.status().equals(CallStore.WAITING) || x.status().equals(CallStore.NO_SHOW))
                    .orElseThrow(() -> Refusal.INVALID_ARGUMENT.because("no waiting or no-show ticket " + number + " today"));
            return callTicket(day, w, t, channel).run(tx);
        });
    }

    /** The call itself, the window's previous ticket completed first (the work of one open transaction). */
    private SqlWork<String> callTicket(LocalDate day, WindowSettings w, CallStore.Ticket t, String channel) {
        checkChannel(channel);
        return tx -> {
            Optional<CallStore.Ticket> previous = store.calledAt(tx.connection(), day, w.id());
            if (previous.isPresent()) {
                completion(w, previous.get()).run(tx);
            }
            long now = clock.millis();
            store.markCalled(tx.connection(), t, w.id(), now);
            long firstCall = t.firstCallMs() == null ? now : t.firstCallMs();
            return announcement(day, w, t.number(), channel, false, firstCall - t.issuedMs()).run(tx);
        };
    }

    /** Calls the window's current ticket again. */
    public String recall(String window, String channel) {
        WindowSettings w = require(window);
        checkChannel(channel);
        return inOutbox(tx -> {
            LocalDate day = store.recordToday(tx.connection(), clock, zone);
            CallStore.Ticket t = calledTicket(w).run(tx);
            store.markRecalled(tx.connection(), t, clock.millis());
            return announcement(day, w, t.number(), channel, true, t.firstCallMs() - t.issuedMs()).run(tx);
        });
    }

    /** The window's called ticket did not come: it waits no more (it can still be called by number). */
    public String noShow(String window) {
        WindowSettings w = require(window);
        return inOutbox(tx -> {
            CallStore.Ticket t = calledTicket(w).run(tx);
            store.setStatus(tx.connection(), t, CallStore.NO_SHOW);
            tx.append(EventType.TICKET_NO_SHOW, JSON.objectNode().put("number", t.number()).put("window", w.id()));
            logAfterCommit(tx, "window {} marked {} a no-show", w.id(), t.number());
            changedAfterCommit(tx);
            return t.number();
        });
    }

    /** The window finished its ticket. */
    public String complete(String window) {
        WindowSettings w = require(window);
        return inOutbox(tx -> {
            CallStore.Ticket t = calledTicket(w).run(tx);
            completion(w, t).run(tx);
            logAfterCommit(tx, "window {} completed {}", w.id(), t.number());
            changedAfterCommit(tx);
            return t.number();
        });
    }

    private SqlWork<Void> completion(WindowSettings w, CallStore.Ticket t) {
        return tx -> {
            store.setStatus(tx.connection(), t, CallStore.COMPLETED);
            long serviceS = Math.max(0, (clock.millis() - t.lastCallMs()) / 1000);
            tx.append(EventType.TICKET_COMPLETED, JSON.objectNode().put("number", t.number()).put("window", w.id())
                    .put("serviceS", serviceS));
            return null;
        };
    }

    /** The window's called ticket waits again, first in {@code category}'s queue, keeping its number. */
    public String transfer(String window, String category) {
        WindowSettings w = require(window);
        if (category == null || tickets.category(category).isEmpty()) {
            throw Refusal.INVALID_ARGUMENT.because("no category " + category);
        }
        return inOutbox(tx -> {
            CallStore.Ticket t = calledTicket(w).run(tx);
            store.transfer(tx.connection(), t, category);
            tx.append(EventType.TICKET_TRANSFERRED, JSON.objectNode().put("number", t.number()).put("window", w.id())
                    .put("fromCategory", t.queueCategory()).put("toCategory", category));
            logAfterCommit(tx, "window {} transferred {} to " + category, w.id(), t.number());
            changedAfterCommit(tx);
            return t.number();
        });
    }

    /** A paused window calls nothing until resumed. */
    public void pause(String window) {
        WindowSettings w = require(window);
        inOutbox(tx -> {
            if (store.pausedSince(tx.connection(), w.id()).isPresent()) {
                throw Refusal.ALREADY_PAUSED.because("window " + w.id() + " is paused already");
            }
            store.setPaused(tx.connection(), w.id(), clock.millis());
            tx.append(EventType.WINDOW_PAUSED, JSON.objectNode().put("window", w.id()));
            changedAfterCommit(tx);
            return null;
        });
        log.info("window {} paused", w.id());
    }

    /** @return how long the window was paused, in seconds */
    public long resume(String window) {
        WindowSettings w = require(window);
        long pausedS = inOutbox(tx -> {
            long since = store.pausedSince(tx.connection(), w.id()).orElseThrow(
                    () -> Refusal.NOT_PAUSED.because("window " + w.id() + " is not paused"));
            store.setPaused(tx.connection(), w.id(), null);
            long seconds = Math.max(0, (clock.millis() - since) / 1000);
            tx.append(EventType.WINDOW_RESUMED, JSON.objectNode().put("window", w.id()).put("pausedS", seconds));
            changedAfterCommit(tx);
            return seconds;
        });
        log.info("window {} resumed after {} s", w.id(), pausedS);
        return pausedS;
    }

    public boolean paused(String window) {
        return database.inTransaction(c -> store.pausedSince(c, window).isPresent());
    }

    /** The configured windows with their state now (empty without {@code [[windows]]}). */
    public List<WindowStatus> status() {
        return database.inTransaction(c -> {
            LocalDate day = store.today(c, clock, zone);
            List<WindowStatus> out = new ArrayList<>();
            for (WindowSettings w : configured.values()) {
                out.add(store.status(c, day, w));
            }
            return out;
        });
    }

    /** One window's state; empty for an unknown window. */
    public Optional<WindowStatus> status(String window) {
        Optional<WindowSettings> w = window(window);
        if (w.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(database.inTransaction(c -> store.status(c, store.today(c, clock, zone), w.get())));
    }

    /** Today's latest calls, newest first, at most {@link #MAX_RECENT}. */
    public List<Call> recentCalls(int limit) {
        int n = Math.max(1, Math.min(limit, MAX_RECENT));
        return database.inTransaction(c -> store.recentCalls(c, store.today(c, clock, zone), n)).stream()
                .map(call -> call.named(window(call.window()).map(WindowSettings::name).orElse(call.window() + "号窗口")))
                .toList();
    }

    /** The call in the history, its event, and the listeners told after the commit; yields the number. */
    private SqlWork<String> announcement(LocalDate day, WindowSettings w, String number, String channel, boolean recall,
            long waitMs) {
        Call call = new Call(number, w.id(), w.name(), OffsetDateTime.ofInstant(clock.instant(), zone), recall);
        return tx -> {
            store.recordCall(tx.connection(), day, call);
            tx.append(EventType.TICKET_CALLED, JSON.objectNode().put("number", number).put("window", w.id())
                    .put("channel", channel).put("recall", recall).put("waitS", Math.max(0, waitMs / 1000)));
            // after the commit of the transaction this may be joined to, never while the database is held
            tx.afterCommit(() -> {
                log.info("window {} {} {} ({})", w.id(), recall ? "recalled" : "called", number, channel);
                callListeners.forEach(l -> runQuietly(() -> l.accept(call)));
                calledListeners.forEach(l -> runQuietly(() -> l.accept(w.id(), number)));
            });
            changedAfterCommit(tx);
            return number;
        };
    }

    private static void logAfterCommit(Tx tx, String format, String window, String number) {
        tx.afterCommit(() -> log.info(format, window, number));
    }

    private void changedAfterCommit(Tx tx) {
        tx.afterCommit(() -> changeListeners.forEach(CallingService::runQuietly));
    }

    private SqlWork<CallStore.Ticket> calledTicket(WindowSettings w) {
        return tx -> store.calledAt(tx.connection(), store.recordToday(tx.connection(), clock, zone), w.id()).orElseThrow(
                () -> Refusal.NOTHING_CALLED.because("window " + w.id() + " has no called ticket"));
    }

    private SqlWork<Void> requireOpen(WindowSettings w) {
        return tx -> {
            if (store.pausedSince(tx.connection(), w.id()).isPresent()) {
                throw Refusal.WINDOW_PAUSED.because("window " + w.id() + " is paused");
            }
            return null;
        };
    }

    private WindowSettings require(String window) {
        return window(window).orElseThrow(() -> Refusal.UNKNOWN_WINDOW.because("no window " + window));
    }

    private static void checkChannel(String channel) {
        if (!CHANNELS.contains(channel)) {
            throw new IllegalArgumentException("unknown channel " + channel);
        }
    }

    private <T> T inOutbox(SqlWork<T> work) {
        return database.transaction(work);
    }

    /** After every committed call and recall, with the call as the hall screen shows it. */
    public void onCall(Consumer<Call> listener) {
        callListeners.add(listener);
    }

    /** After every committed call and recall, with (window, number): opens the window's rating invite. */
    public void onCalled(BiConsumer<String, String> listener) {
        calledListeners.add(listener);
    }

    /** After every committed change of a ticket's or a window's state. */
    public void onChange(Runnable listener) {
        changeListeners.add(listener);
    }

    private static void runQuietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            log.warn("calling listener failed: {}", e.toString());
        }
    }
}

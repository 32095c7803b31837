package org.openhall.kiosk.ratings;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;
import org.openhall.kiosk.config.EvaluatorSettings;
import org.openhall.kiosk.events.Event;
import org.openhall.kiosk.events.EventType;
import org.openhall.kiosk.gpio.Gpio;
import org.openhall.kiosk.gpio.Led;
import org.openhall.kiosk.json.Json;
import org.openhall.kiosk.refusals.Refusal;
import org.openhall.kiosk.refusals.RefusedException;
import org.openhall.kiosk.storage.Database;
import org.openhall.kiosk.storage.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ratings of every evaluator. A rating, from a button or the touch page, is checked against the
 * evaluator's lockout and invite, then committed in ONE outbox transaction together with its row in
 * {@code ratings} and, for a bad verdict, a {@code bad_rating} alert; only after that commit does
 * {@code led_ok} say thank you. {@link #serving} and {@link #called} start a service at a window (attribution
 * and invite). Thread-safe: each evaluator's rules are serialised on that evaluator.
 */
public final class RatingService {
    private static final Logger log = LoggerFactory.getLogger(RatingService.class);
    static final int MAX_ID_LENGTH = 64;

    private final Database database;
    private final Json json;
    private final Clock clock;
    /** Lockouts and invites run on this monotonic clock, never on the wall clock. */
    private final LongSupplier nanoTime;
    private final ZoneId zone;
    private final ScheduledExecutorService timer;
    private final RatingStore store = new RatingStore();
    private final Map<String, Evaluator> evaluators = new ConcurrentHashMap<>();

    public RatingService(Database database, Json json, Clock clock, ZoneId zone,
            ScheduledExecutorService timer) {
        this(database, json, clock, System::nanoTime, zone, timer);
    }

    public RatingService(Database database, Json json, Clock clock, LongSupplier nanoTime, ZoneId zone,
            ScheduledExecutorService timer) {
        this.nanoTime = nanoTime;
        this.database = database;
        this.json = json;
        this.clock = clock;
        this.zone = zone;
        this.timer = timer;
    }

    /** Brings the {@code ratings} table up to date. */
    public void start() {
        database.migrate(RatingStore.SCHEMA);
        database.salvage(RatingStore.SCHEMA);
    }

    /** Adds the evaluator of one window, claiming its buttons and LEDs. */
    public void attach(EvaluatorSettings settings, Gpio gpio) {
        Led ok = settings.ledOk() == null ? null : gpio.led(settings.ledOk());
        Led busy = settings.ledBusy() == null ? null : gpio.led(settings.ledBusy());
        EvaluatorState state = new EvaluatorState(settings);
        database.inTransaction(c -> store.loadService(c, settings.window()))
                .ifPresent(saved -> state.restore(saved.attribution(), saved.inviteUntil() == null ? Duration.ZERO
                        : Duration.between(clock.instant(), saved.inviteUntil()), nanoTime.getAsLong()));
        Evaluator evaluator = new Evaluator(settings, state, new Signals(ok, busy, timer));
        evaluators.put(settings.window(), evaluator);
        settings.buttons().forEach((name, pin) -> new EvaluatorButton(this, evaluator,
                Level.byName(name).orElseThrow(() -> new IllegalArgumentException("unknown level " + name)),
                gpio.button(pin), nanoTime, timer).start());
        log.info("evaluator at window {}: {} buttons, lockout {} s{}", settings.window(), settings.buttons().size(),
                settings.lockoutS(), settings.requireInvite() ? ", invite " + settings.inviteS() + " s" : "");
    }

    public Set<String> windows() {
        return Set.copyOf(evaluators.keySet());
    }

    /**
     * Records a rating now, e.g. from the touch page ({@code channel} "terminal") or a command.
     *
     * @return the committed {@code rating.submitted} data
     * @throws RefusedException {@code unknown_window}, {@code unknown_level}, {@code locked_out},
     *     {@code no_invite}, {@code outbox_full}, {@code storage_full} or {@code storage_failing}; nothing was
     *     recorded
     */
    public ObjectNode rate(String window, String level, String channel) {
        return rate(window, level, channel, List.of());
    }

    /**
     * As {@link #rate(String, String, String)}, with the reasons of a bad rating (codes of
     * {@link BadRatingReason}); {@code invalid_argument} for unknown or repeated codes or reasons on a good rating.
     */
    public ObjectNode rate(String window, String level, String channel, List<String> reasons) {
        Evaluator evaluator = window == null ? null : evaluators.get(window);
        if (evaluator == null) {
            throw Refusal.UNKNOWN_WINDOW.because("no evaluator at window " + window);
        }
        Level chosen = Level.byName(level).orElseThrow(() -> Refusal.UNKNOWN_LEVEL.because("no rating level " + level));
        return submit(evaluator, chosen, channel, BadRatingReason.checked(reasons, chosen), clock.instant(),
                nanoTime.getAsLong());
    }

    /** A button press; refusals are answered by the busy LED and a log line only. */
    void press(Evaluator evaluator, Level level, Instant at, long atNanos) {
        try {
            submit(evaluator, level, "button", List.of(), at, atNanos);
        } catch (RefusedException e) {
            // already signalled and logged in submit
        } catch (RuntimeException e) {
            evaluator.signals().busy();
            log.error("window {}: rating not recorded: {}", evaluator.window(), e.toString());
        }
    }

    private ObjectNode submit(Evaluator evaluator, Level level, String channel, List<String> reasons, Instant at,
            long atNanos) {
        synchronized (evaluator) {
            Refusal refusal = evaluator.state().refusal(atNanos);
            if (refusal != null) {
                evaluator.signals().busy();
                // no level at INFO: who rated what stays out of the journal
                log.info("window {}: rating ({}) refused: {}", evaluator.window(), channel, refusal.word());
                throw refusal.because("rating at window " + evaluator.window() + " refused: " + refusal.word());
            }
            Attribution who = evaluator.state().attribution();
            Rating rating = new Rating(evaluator.window(), level, who.ticket(), who.staff(), channel, reasons, at);
            Event event;
            try {
                event = database.transaction(tx -> {
                    Event rated = tx.append(EventType.RATING_SUBMITTED, rating.toData(json));
                    store.record(tx.connection(), rated.seq(), LocalDate.ofInstant(rating.at(), zone), rating);
                    if (rating.level().bad()) {
                        tx.append(EventType.ALERT, badRatingAlert(rating));
                    }
                    tx.afterCommit(evaluator.signals()::thankYou);
                    return rated;
                });
            } catch (RefusedException e) {
                evaluator.signals().busy();
                boolean logIt = !(e instanceof StorageException) || database.health().ratingRefused();
                if (logIt) {
                    log.warn("window {}: rating refused: {}", evaluator.window(), e.code());
                }
                throw e;
            }
            evaluator.state().rated(atNanos);
            log.info("rating at window {} ({}) committed as seq {}", rating.window(), channel, event.seq());
            return event.data();
        }
    }

    private ObjectNode badRatingAlert(Rating rating) {
        return alert("bad_rating", "bad rating at window " + rating.window() + ": " + rating.level().wireName()
                + (rating.ticket() == null ? "" : " (ticket " + rating.ticket() + ")"));
    }

    /**
     * The {@code serving} command: ratings at {@code window} carry {@code ticket} and {@code staff} (may be null)
     * until the next {@code serving} or {@code call} there; opens the invite when the evaluator requires one.
     *
     * @throws RefusedException {@code invalid_argument} for a window without evaluator or a missing or
     *     over-long ticket or staff id
     */
    public void serving(String window, String ticket, String staff) {
        Evaluator evaluator = window == null ? null : evaluators.get(window);
        if (evaluator == null) {
            throw Refusal.INVALID_ARGUMENT.because("no evaluator at window " + window);
        }
        if (!validId(ticket) || (staff != null && !validId(staff))) {
            throw Refusal.INVALID_ARGUMENT.because(
                    "ticket (and staff, if given) must be 1.." + MAX_ID_LENGTH + " characters");
        }
        startService(evaluator, new Attribution(ticket, staff));
    }

    /**
     * The hook of the {@code call} command: a new service at {@code window} for ticket {@code number} (staff
     * unknown). A window without evaluator is normal (tickets are called everywhere) and changes nothing.
     *
     * @return true when the window has an evaluator
     */
    public boolean called(String window, String number) {
        Evaluator evaluator = window == null ? null : evaluators.get(window);
        if (evaluator == null) {
            return false;
        }
        startService(evaluator, new Attribution(number, null));
        return true;
    }

    private void startService(Evaluator evaluator, Attribution who) {
        synchronized (evaluator) {
            long now = nanoTime.getAsLong();
            evaluator.state().serviceStarted(who, now);
            // kept as a wall-clock instant only so that a restart can reopen what is left of the invite
            Instant inviteUntil = evaluator.state().inviteLeft(now).isZero() ? null
                    : clock.instant().plus(evaluator.state().inviteLeft(now));
            // same lock order as a rating (evaluator, then database), so the two never deadlock
            database.inTransaction(c -> {
                store.saveService(c, evaluator.window(), who, inviteUntil);
                return null;
            });
        }
        // the staff id stays out of the journal: with the ratings' times it would say who was rated how
        log.info("window {} now serving {}", evaluator.window(), who.ticket());
    }

    private static boolean validId(String id) {
        return id != null && !id.isBlank() && id.length() <= MAX_ID_LENGTH;
    }

    /** Called by a button held past the stuck limit: one alert per stuck hold. */
    void stuck(Evaluator evaluator, Level level, int pin) {
        String message = "window " + evaluator.window() + ": " + level.wireName() + " button (BCM " + pin + ") held for "
                + EvaluatorButton.STUCK_AFTER.toSeconds() + " s; ignored until released";
        log.warn(message);
        try {
            database.transaction(tx -> tx.append(EventType.ALERT, alert("stuck_button", message)));
        } catch (RuntimeException e) {
            log.error("stuck_button alert not recorded: {}", e.toString());
        }
    }

    private ObjectNode alert(String kind, String message) {
        ObjectNode data = json.createObjectNode();
        data.put("kind", kind);
        data.put("message", message);
        return data;
    }

    /** Ratings committed on today's service day (kiosk.timezone), counted in SQLite so restarts keep it. */
    public long ratingsToday() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        return database.inTransaction(c -> store.count(c, today));
    }
}

package org.openhall.kiosk.gpio;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Button} built from raw pin levels: an adapter calls {@link #raw(boolean)} from whatever thread its
 * driver reports edges on; the level is filtered by a {@link Debouncer} on the monotonic clock (a wall-clock
 * jump neither swallows nor stretches a press) and
 * accepted edges are delivered to listeners on the executor given (the kiosk's buttons thread). Each raw edge costs one scheduled
 * check, so a bounce train costs a handful of timer tasks and no thread.
 */
public final class DebouncedButton implements Button {
    private static final Logger log = LoggerFactory.getLogger(DebouncedButton.class);
    /** How long a level must hold still to count; contact bounce of push buttons lasts 1-5 ms. */
    public static final Duration SETTLE = Duration.ofMillis(20);

    private final int pin;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final ScheduledExecutorService timer;
    private final Debouncer debouncer;
    private final List<ButtonListener> listeners = new CopyOnWriteArrayList<>();

    public DebouncedButton(int pin, boolean initiallyPressed, Clock clock, LongSupplier nanoTime,
            ScheduledExecutorService timer, Duration settle) {
        this.pin = pin;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.timer = timer;
        this.debouncer = new Debouncer(initiallyPressed, settle.toMillis());
    }

    /** Reports a raw level from the pin (already decoded: true = contact closed). */
    public void raw(boolean pressed) {
        long now = monotonicMillis();
        Debouncer.Poll before;
        synchronized (this) {
            before = debouncer.edge(pressed, now);
        }
        try {
            if (before.kind() == Debouncer.Poll.Kind.CHANGED) {
                ButtonEdge settled = edge(before, now);
                timer.execute(() -> deliver(settled)); // queued ahead of the check scheduled below
            }
            scheduleCheck(now + debouncer.settleMillis());
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("pin {}: edge after shutdown ignored", pin);
        }
    }

    private void scheduleCheck(long dueMillis) {
        long delay = Math.max(1, dueMillis - monotonicMillis());
        timer.schedule(this::check, delay, TimeUnit.MILLISECONDS);
    }

    private void scheduleCheckQuietly(long dueMillis) {
        try {
            scheduleCheck(dueMillis);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("pin {}: check after shutdown skipped", pin);
        }
    }

    private void check() {
        Debouncer.Poll poll;
        long now = monotonicMillis();
        synchronized (this) {
            poll = debouncer.poll(now);
        }
        switch (poll.kind()) {
            case WAIT -> scheduleCheckQuietly(poll.at());
            case CHANGED -> deliver(edge(poll, now));
            case SETTLED -> { }
        }
    }

    private long monotonicMillis() {
        return TimeUnit.NANOSECONDS.toMillis(nanoTime.getAsLong());
    }

    /** The settled edge, dated on both clocks: monotonic as measured, wall as "now minus how long ago". */
    private ButtonEdge edge(Debouncer.Poll settled, long nowMillis) {
        long agoMs = Math.max(0, nowMillis - settled.at());
        return new ButtonEdge(pin, settled.level(), Instant.ofEpochMilli(clock.millis() - agoMs),
                TimeUnit.MILLISECONDS.toNanos(settled.at()));
    }

    private void deliver(ButtonEdge edge) {
        for (ButtonListener listener : listeners) {
            try {
                listener.onEdge(edge);
            } catch (RuntimeException e) {
                log.error("pin {}: button listener failed: {}", pin, e.toString());
            }
        }
    }

    @Override
    public int pin() {
        return pin;
    }

    @Override
    public synchronized boolean pressed() {
        return debouncer.accepted();
    }

    @Override
    public void subscribe(ButtonListener listener) {
        listeners.add(listener);
    }
}

package org.openhall.kiosk.gpio;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Button} built from raw pin levels: an adapter calls {@link #raw(boolean)} from whatever thread its
 * driver reports edges on; the level is filtered by a {@link Debouncer} (times from the injected clock) and
 * accepted edges are delivered to listeners on the kiosk timer thread. Each raw edge costs one scheduled
 * check, so a bounce train costs a handful of timer tasks and no thread.
 */
public final class DebouncedButton implements Button {
    private static final Logger log = LoggerFactory.getLogger(DebouncedButton.class);
    /** How long a level must hold still to count; contact bounce of push buttons lasts 1-5 ms. */
    public static final Duration SETTLE = Duration.ofMillis(20);

    private final int pin;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final Debouncer debouncer;
    private final List<ButtonListener> listeners = new CopyOnWriteArrayList<>();

    public DebouncedButton(int pin, boolean initiallyPressed, Clock clock, ScheduledExecutorService timer, Duration settle) {
        this.pin = pin;
        this.clock = clock;
        this.timer = timer;
        this.debouncer = new Debouncer(initiallyPressed, settle.toMillis());
    }

    /** Reports a raw level from the pin (already decoded: true = contact closed). */
    public void raw(boolean pressed) {
        long now = clock.millis();
        Debouncer.Poll before;
        synchronized (this) {
            before = debouncer.edge(pressed, now);
        }
        try {
            if (before.kind() == Debouncer.Poll.Kind.CHANGED) {
                ButtonEdge settled = new ButtonEdge(pin, before.level(), Instant.ofEpochMilli(before.at()));
                timer.execute(() -> deliver(settled)); // queued ahead of the check scheduled below
            }
            scheduleCheck(now + debouncer.settleMillis());
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("pin {}: edge after shutdown ignored", pin);
        }
    }

    private void scheduleCheck(long dueMillis) {
        long delay = Math.max(1, dueMillis - clock.millis());
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
        synchronized (this) {
            poll = debouncer.poll(clock.millis());
        }
        switch (poll.kind()) {
            case WAIT -> scheduleCheckQuietly(poll.at());
            case CHANGED -> deliver(new ButtonEdge(pin, poll.level(), Instant.ofEpochMilli(poll.at())));
            case SETTLED -> { }
        }
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

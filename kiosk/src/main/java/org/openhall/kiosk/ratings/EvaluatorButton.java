package org.openhall.kiosk.ratings;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.openhall.kiosk.gpio.Button;
import org.openhall.kiosk.gpio.ButtonEdge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One level button of an evaluator. A press rates at once (the LED answers while the finger is still down);
 * a timer started at the press checks whether the button is still held after {@link #STUCK_AFTER}: then it
 * is stuck, one {@code stuck_button} alert is raised and the button is ignored until it is released. A button
 * already held when the kiosk starts never rates and is watched the same way.
 */
final class EvaluatorButton {
    private static final Logger log = LoggerFactory.getLogger(EvaluatorButton.class);
    static final Duration STUCK_AFTER = Duration.ofSeconds(10);

    private final RatingService service;
    private final Evaluator evaluator;
    private final Level level;
    private final Button button;
    private final LongSupplier nanoTime;
    private final ScheduledExecutorService timer;
    private long pressCount;
    private ScheduledFuture<?> stuckCheck;
    private boolean stuck;

    EvaluatorButton(RatingService service, Evaluator evaluator, Level level, Button button, LongSupplier nanoTime,
            ScheduledExecutorService timer) {
        this.service = service;
        this.evaluator = evaluator;
        this.level = level;
        this.button = button;
        this.nanoTime = nanoTime;
        this.timer = timer;
    }

    synchronized void start() {
        button.subscribe(this::onEdge);
        if (button.pressed()) {
            log.warn("window {}: {} button (BCM {}) is held at start; ignored until released",
                    evaluator.window(), level.wireName(), button.pin());
            watchForStuck(nanoTime.getAsLong());
        }
    }

    private synchronized void onEdge(ButtonEdge edge) {
        if (edge.pressed()) {
            // debounced edges alternate, so a press edge is always a new press, never the stuck one going on
            watchForStuck(edge.nanos());
            service.press(evaluator, level, edge.at(), edge.nanos());
        } else {
            released();
        }
    }

    private void watchForStuck(long pressedAtNanos) {
        long press = ++pressCount;
        cancelStuckCheck();
        long delay = Math.max(0, pressedAtNanos + STUCK_AFTER.toNanos() - nanoTime.getAsLong());
        stuckCheck = timer.schedule(() -> checkStuck(press), delay, TimeUnit.NANOSECONDS);
    }

    private synchronized void checkStuck(long press) {
        if (press != pressCount || !button.pressed() || stuck) {
            return;
        }
        stuck = true;
        service.stuck(evaluator, level, button.pin());
    }

    private void released() {
        cancelStuckCheck();
        if (stuck) {
            stuck = false;
            log.info("window {}: {} button (BCM {}) released after being stuck", evaluator.window(), level.wireName(),
                    button.pin());
        }
    }

    private void cancelStuckCheck() {
        if (stuckCheck != null) {
            stuckCheck.cancel(false);
            stuckCheck = null;
        }
    }
}

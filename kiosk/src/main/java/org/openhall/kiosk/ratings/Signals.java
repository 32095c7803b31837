package org.openhall.kiosk.ratings;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.openhall.kiosk.gpio.Led;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LED language of one evaluator, timed on the kiosk timer: {@code led_ok} lit for 1 s says thank you;
 * {@code led_busy} blinking 3 × 200 ms says "not now" (lockout or no invite). A new signal on an LED replaces
 * the one still running on it. Either LED may be absent.
 */
final class Signals {
    private static final Logger log = LoggerFactory.getLogger(Signals.class);
    static final long THANK_YOU_MS = 1_000;
    static final long BLINK_MS = 200;
    static final int BLINKS = 3;

    private final Led ok;
    private final Led busy;
    private final ScheduledExecutorService timer;
    private final List<ScheduledFuture<?>> okPending = new ArrayList<>();
    private final List<ScheduledFuture<?>> busyPending = new ArrayList<>();

    Signals(Led ok, Led busy, ScheduledExecutorService timer) {
        this.ok = ok;
        this.busy = busy;
        this.timer = timer;
    }

    synchronized void thankYou() {
        if (ok == null) {
            return;
        }
        cancel(okPending);
        switchLed(ok, true);
        okPending.add(timer.schedule(() -> switchLed(ok, false), THANK_YOU_MS, TimeUnit.MILLISECONDS));
    }

    synchronized void busy() {
        if (busy == null) {
            return;
        }
        cancel(busyPending);
        switchLed(busy, true);
        for (int i = 1; i < 2 * BLINKS; i++) {
            boolean lit = i % 2 == 0;
            busyPending.add(timer.schedule(() -> switchLed(busy, lit), i * BLINK_MS, TimeUnit.MILLISECONDS));
        }
    }

    private static void cancel(List<ScheduledFuture<?>> pending) {
        pending.forEach(f -> f.cancel(false));
        pending.clear();
    }

    private static void switchLed(Led led, boolean lit) {
        try {
            if (lit) {
                led.on();
            } else {
                led.off();
            }
        } catch (RuntimeException e) {
            log.warn("LED on BCM {}: {}", led.pin(), e.getMessage());
        }
    }
}

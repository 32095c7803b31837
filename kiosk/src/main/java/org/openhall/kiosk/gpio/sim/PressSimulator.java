package org.openhall.kiosk.gpio.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Presses simulated buttons as a finger would: the contact closes, bounces {@code bounces} times (short
 * alternating edges spread over the first {@link #BOUNCE_WINDOW_MICROS} µs), stays closed for the rest of
 * {@code holdMillis} and opens. Every edge goes through the real adapter path (the {@link PinDriver}), timed on
 * the kiosk timer. {@link #press} returns as soon as the edges are scheduled.
 */
public final class PressSimulator {
    public static final int MIN_HOLD_MS = 10;
    public static final int MAX_HOLD_MS = 60_000;
    public static final int MAX_BOUNCES = 50;
    static final long BOUNCE_WINDOW_MICROS = 5_000;

    private final PinDriver driver;
    private final ScheduledExecutorService timer;
    private final Set<Integer> held = ConcurrentHashMap.newKeySet();

    public PressSimulator(PinDriver driver, ScheduledExecutorService timer) {
        this.driver = driver;
        this.timer = timer;
    }

    /** One edge of a simulated press: at {@code atMicros} after the start, the contact becomes {@code closed}. */
    record Step(long atMicros, boolean closed) {}

    /** The edges of one press, in time order; the last opens the contact at {@code holdMillis}. */
    static List<Step> plan(int holdMillis, int bounces) {
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(0, true));
        long slot = BOUNCE_WINDOW_MICROS / (2L * bounces + 1);
        for (int i = 0; i < bounces; i++) {
            steps.add(new Step((2L * i + 1) * slot, false));
            steps.add(new Step((2L * i + 2) * slot, true));
        }
        steps.add(new Step(holdMillis * 1_000L, false));
        return steps;
    }

    /**
     * Schedules a press of {@code pin}.
     *
     * @throws IllegalArgumentException for a pin that is not a configured input or parameters out of range
     * @throws IllegalStateException while an earlier simulated press of that pin is still held
     */
    public void press(int pin, int holdMillis, int bounces) {
        if (!driver.drives(pin)) {
            throw new IllegalArgumentException("pin " + pin + " is not a configured input");
        }
        if (holdMillis < MIN_HOLD_MS || holdMillis > MAX_HOLD_MS || bounces < 0 || bounces > MAX_BOUNCES) {
            throw new IllegalArgumentException("ms must be " + MIN_HOLD_MS + ".." + MAX_HOLD_MS + " and bounces 0.." + MAX_BOUNCES);
        }
        if (!held.add(pin)) {
            throw new IllegalStateException("pin " + pin + " is still held by an earlier press");
        }
        List<Step> steps = plan(holdMillis, bounces);
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            boolean last = i == steps.size() - 1;
            timer.schedule(() -> {
                driver.contact(pin, step.closed());
                if (last) {
                    held.remove(pin);
                }
            }, step.atMicros(), TimeUnit.MICROSECONDS);
        }
    }
}

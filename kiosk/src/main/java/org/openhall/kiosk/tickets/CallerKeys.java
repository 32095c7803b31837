package org.openhall.kiosk.tickets;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.openhall.kiosk.config.WindowSettings;
import org.openhall.kiosk.gpio.Gpio;
import org.openhall.kiosk.refusals.RefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hardware callers at the windows ({@code caller} of {@code [[windows]]}): each debounced press of a key is
 * one action of {@link CallingService} with channel "button" (a key held down is one press: only the press edge
 * acts). Actions run on {@code executor}, never on the timer thread that delivers the edges. The pause key toggles
 * pause and resume.
 */
public final class CallerKeys {
    private static final Logger log = LoggerFactory.getLogger(CallerKeys.class);

    private final CallingService calling;
    private final Executor executor;

    public CallerKeys(CallingService calling, Executor executor) {
        this.calling = calling;
        this.executor = executor;
    }

    /** Claims the keys of every window. */
    public void attach(List<WindowSettings> windows, Gpio gpio) {
        for (WindowSettings w : windows) {
            w.caller().forEach((key, pin) -> gpio.button(pin).subscribe(edge -> {
                if (edge.pressed()) {
                    submit(w.id(), key);
                }
            }));
        }
    }

    private void submit(String window, String key) {
        try {
            executor.execute(() -> press(window, key));
        } catch (RejectedExecutionException stopping) {
            log.debug("window {}: {} key after shutdown ignored", window, key);
        }
    }

    /** One press of {@code key} at {@code window}; refusals (nobody waiting, nothing called) are logged, not thrown. */
    public void press(String window, String key) {
        try {
            String done = switch (key) {
                case "next" -> "called " + calling.next(window, List.of(), "button");
                case "recall" -> "recalled " + calling.recall(window, "button");
                case "no_show" -> "no-show " + calling.noShow(window);
                case "pause" -> calling.paused(window) ? "resumed after " + calling.resume(window) + " s" : pause(window);
                default -> throw new IllegalArgumentException("unknown caller key " + key);
            };
            log.debug("window {} {} key: {}", window, key, done); // the action logs itself
        } catch (RefusedException e) {
            log.info("window {} {} key: {}", window, key, e.code());
        } catch (RuntimeException e) {
            log.error("window {} {} key failed: {}", window, key, e.toString());
        }
    }

    private String pause(String window) {
        calling.pause(window);
        return "paused";
    }
}

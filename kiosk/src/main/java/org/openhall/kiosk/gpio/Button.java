package org.openhall.kiosk.gpio;

/**
 * A push button on one input pin, as the domain sees it: already active-low decoded and debounced, so one
 * human press is exactly one {@code pressed} edge followed by one {@code released} edge.
 */
public interface Button {
    /** The BCM pin number. */
    int pin();

    /** The debounced level now: true while the button is held down. */
    boolean pressed();

    /**
     * Registers a listener for debounced edges. Listeners run on the kiosk timer thread and must return
     * quickly; an exception thrown by one is logged and does not stop the others.
     */
    void subscribe(ButtonListener listener);
}

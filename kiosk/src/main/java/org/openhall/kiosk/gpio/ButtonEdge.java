package org.openhall.kiosk.gpio;

import java.time.Instant;

/**
 * One debounced edge: {@code pressed} true for the press, false for the release. {@code at} is the time
 * (from the kiosk's injected clock) of the last raw edge before the level settled, i.e. when the contact
 * actually closed or opened.
 */
public record ButtonEdge(int pin, boolean pressed, Instant at) {}

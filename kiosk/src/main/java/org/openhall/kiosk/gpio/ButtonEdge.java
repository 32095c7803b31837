package org.openhall.kiosk.gpio;

import java.time.Instant;

/**
 * One debounced edge: {@code pressed} true for the press, false for the release, when the contact actually
 * closed or opened (the last raw edge before the level settled). {@code at} is that moment on the kiosk's
 * wall clock (for events); {@code nanos} on the monotonic clock (for lockouts and timers, which a wall-clock
 * jump must not move).
 */
public record ButtonEdge(int pin, boolean pressed, Instant at, long nanos) {}

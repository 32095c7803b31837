package org.openhall.kiosk.gpio;

/** Receives the debounced edges of a {@link Button}. */
@FunctionalInterface
public interface ButtonListener {
    void onEdge(ButtonEdge edge);
}

package org.openhall.kiosk.gpio;

/** One LED on an output pin (high = lit). Blinking is the domain's business, timed on the kiosk timer. */
public interface Led {
    /** The BCM pin number. */
    int pin();

    void on();

    void off();

    boolean isOn();
}

package org.openhall.kiosk.gpio.sim;

/** Drives simulated input pins as if a contact closed or opened; offered by a GPIO adapter under simulate. */
public interface PinDriver {
    /** True when {@code pin} is a claimed input this driver can move. */
    boolean drives(int pin);

    /** Sets the contact of {@code pin}: true = closed (pressed, the line pulled low). */
    void contact(int pin, boolean closed);
}

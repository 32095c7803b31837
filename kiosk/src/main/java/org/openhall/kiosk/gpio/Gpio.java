package org.openhall.kiosk.gpio;

/**
 * Claims pins. One instance per kiosk; every pin is claimed at most once. Adapters: Pi4J with the gpiod
 * providers on the Pi, Pi4J with its mock providers under {@code --simulate}.
 */
public interface Gpio extends AutoCloseable {
    /** An input with the internal pull-up, the button wired to ground (active-low), debounced in our code. */
    Button button(int pin);

    /** An output, initially off, switched off again on {@link #close()}. */
    Led led(int pin);

    /** True while the last switch of some output failed (health reports {@code gpio_failing}). */
    default boolean failing() {
        return false;
    }

    /** Releases every pin claimed; safe to call more than once. */
    @Override
    void close();
}

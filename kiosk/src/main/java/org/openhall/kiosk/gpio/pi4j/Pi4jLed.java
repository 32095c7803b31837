package org.openhall.kiosk.gpio.pi4j;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.util.function.Consumer;
import org.openhall.kiosk.gpio.GpioException;
import org.openhall.kiosk.gpio.Led;

/** An LED on a Pi4J digital output, lit when high. */
final class Pi4jLed implements Led {
    private final int pin;
    private final DigitalOutput output;
    private final Consumer<Boolean> failing;

    /** @param failing told after every switch whether it failed */
    Pi4jLed(int pin, DigitalOutput output, Consumer<Boolean> failing) {
        this.pin = pin;
        this.output = output;
        this.failing = failing;
    }

    @Override
    public int pin() {
        return pin;
    }

    @Override
    public void on() {
        set(DigitalState.HIGH);
    }

    @Override
    public void off() {
        set(DigitalState.LOW);
    }

    private void set(DigitalState state) {
        try {
            output.state(state);
            failing.accept(false);
        } catch (RuntimeException e) {
            failing.accept(true);
            throw new GpioException("cannot switch LED on BCM " + pin + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean isOn() {
        return output.isHigh();
    }
}

package org.openhall.kiosk.gpio.pi4j;

import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import org.openhall.kiosk.gpio.Gpio;
import org.openhall.kiosk.gpio.GpioContract;
import org.openhall.kiosk.gpio.sim.PinDriver;

/** The Pi4J adapter on Pi4J's mock providers: mockState fires the same state-change events a real edge would. */
class Pi4jMockGpioTest extends GpioContract {
    @Override
    protected Gpio create(Clock clock, ScheduledExecutorService timer) {
        return Pi4jGpio.simulated(clock, timer);
    }

    @Override
    protected PinDriver driverOf(Gpio gpio) {
        return ((Pi4jGpio) gpio).driver().orElseThrow();
    }
}

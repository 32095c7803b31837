package org.openhall.kiosk.gpio.pi4j;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import java.time.Clock;
import java.util.function.LongSupplier;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.openhall.kiosk.gpio.Button;
import org.openhall.kiosk.gpio.DebouncedButton;
import org.openhall.kiosk.gpio.Gpio;
import org.openhall.kiosk.gpio.GpioException;
import org.openhall.kiosk.gpio.Led;
import org.openhall.kiosk.gpio.sim.PinDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Pi4J 3 adapter, the only code that knows Pi4J. The context is built from explicitly chosen providers,
 * never by auto-detection (the mock plugin claims priority 1000 and would win on a real Pi): gpiod on the Pi,
 * the mock providers under {@code --simulate}. It is built lazily on the first pin claimed, so a kiosk with no
 * buttons or LEDs never opens a GPIO chip. Pi4J reports raw edges; {@link DebouncedButton} filters them.
 */
public final class Pi4jGpio implements Gpio {
    private static final Logger log = LoggerFactory.getLogger(Pi4jGpio.class);

    private final boolean mock;
    private final Supplier<Context> contextFactory;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final ScheduledExecutorService timer;
    private final Duration settle;
    private final Map<Integer, DigitalInput> inputs = new ConcurrentHashMap<>();
    private volatile boolean failing;
    private Context context;
    private boolean closed;

    private Pi4jGpio(boolean mock, Supplier<Context> contextFactory, Clock clock, LongSupplier nanoTime,
            ScheduledExecutorService timer, Duration settle) {
        this.mock = mock;
        this.contextFactory = contextFactory;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.timer = timer;
        this.settle = settle;
    }

    /** Real pins through the Linux GPIO character device (libgpiod); works on Pi 3/4/5 for group {@code gpio}. */
    public static Pi4jGpio gpiod(Clock clock, ScheduledExecutorService timer) {
        return new Pi4jGpio(false, () -> Pi4J.newContextBuilder().noAutoDetect()
                .add(GpioDDigitalInputProvider.newInstance(), GpioDDigitalOutputProvider.newInstance())
                .build(), clock, System::nanoTime, timer, DebouncedButton.SETTLE);
    }

    /** Pi4J's mock pins: edges are driven through {@link #driver()} and fire real Pi4J state-change events. */
    public static Pi4jGpio simulated(Clock clock, ScheduledExecutorService timer) {
        return simulated(clock, System::nanoTime, timer);
    }

    /** As {@link #simulated(Clock, ScheduledExecutorService)}, debouncing on the given monotonic clock. */
    public static Pi4jGpio simulated(Clock clock, LongSupplier nanoTime, ScheduledExecutorService timer) {
        return new Pi4jGpio(true, () -> Pi4J.newContextBuilder().noAutoDetect()
                .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance())
                .build(), clock, nanoTime, timer, DebouncedButton.SETTLE);
    }

    private synchronized Context context() {
        if (closed) {
            throw new IllegalStateException("GPIO already closed");
        }
        if (context == null) {
            try {
                context = contextFactory.get();
            } catch (RuntimeException e) {
                throw new GpioException("cannot open GPIO (" + (mock ? "mock" : "gpiod") + "): " + e.getMessage(), e);
            }
            log.info("GPIO open ({})", mock ? "Pi4J mock pins, simulated" : "Pi4J gpiod");
        }
        return context;
    }

    @Override
    public Button button(int pin) {
        Context ctx = context();
        DigitalInput input;
        try {
            input = ctx.din().create(DigitalInput.newConfigBuilder(ctx).id("button-" + pin).name("button BCM " + pin)
                    .address(pin).pull(PullResistance.PULL_UP).build());
        } catch (RuntimeException e) {
            throw new GpioException("cannot claim BCM " + pin + " as a button input: " + e.getMessage(), e);
        }
        if (input instanceof MockDigitalInput simulated) {
            simulated.mockState(DigitalState.HIGH); // the idle level the internal pull-up gives a real pin
        }
        DebouncedButton button = new DebouncedButton(pin, input.isLow(), clock, nanoTime, timer, settle);
        input.addListener(event -> button.raw(event.state() == DigitalState.LOW));
        inputs.put(pin, input);
        return button;
    }

    @Override
    public Led led(int pin) {
        Context ctx = context();
        DigitalOutput output;
        try {
            output = ctx.dout().create(DigitalOutput.newConfigBuilder(ctx).id("led-" + pin).name("LED BCM " + pin)
                    .address(pin).initial(DigitalState.LOW).shutdown(DigitalState.LOW).build());
        } catch (RuntimeException e) {
            throw new GpioException("cannot claim BCM " + pin + " as an LED output: " + e.getMessage(), e);
        }
        return new Pi4jLed(pin, output, failed -> failing = failed);
    }

    @Override
    public boolean failing() {
        return failing;
    }

    /** Under simulate, the driver that moves the mock inputs; empty on real hardware. */
    public Optional<PinDriver> driver() {
        return mock ? Optional.of(new MockPinDriver()) : Optional.empty();
    }

    private final class MockPinDriver implements PinDriver {
        @Override
        public boolean drives(int pin) {
            return inputs.get(pin) instanceof MockDigitalInput;
        }

        @Override
        public void contact(int pin, boolean closed) {
            if (!(inputs.get(pin) instanceof MockDigitalInput input)) {
                throw new IllegalArgumentException("pin " + pin + " is not a simulated input");
            }
            input.mockState(closed ? DigitalState.LOW : DigitalState.HIGH);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (context != null) {
            try {
                context.shutdown();
            } catch (RuntimeException e) {
                log.warn("closing GPIO: {}", e.toString());
            }
            context = null;
            inputs.clear();
        }
    }
}

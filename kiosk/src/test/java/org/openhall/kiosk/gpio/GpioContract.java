package org.openhall.kiosk.gpio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openhall.kiosk.gpio.sim.PinDriver;
import org.openhall.kiosk.gpio.sim.PressSimulator;

/**
 * What every {@link Gpio} adapter that can be driven in a test must do, on real time and a real timer thread:
 * active-low buttons, one debounced press per finger press whatever the bounce, LEDs that switch. Subclasses
 * give the adapter and its pin driver.
 */
public abstract class GpioContract {
    protected final Clock clock = Clock.systemUTC();
    protected ScheduledExecutorService timer;
    private Gpio gpio;
    private PinDriver pins;
    private final List<ButtonEdge> edges = new CopyOnWriteArrayList<>();

    protected abstract Gpio create(Clock clock, ScheduledExecutorService timer);

    protected abstract PinDriver driverOf(Gpio gpio);

    @BeforeEach
    void open() {
        timer = Executors.newSingleThreadScheduledExecutor();
        gpio = create(clock, timer);
        pins = driverOf(gpio);
    }

    @AfterEach
    void close() {
        gpio.close();
        timer.shutdownNow();
    }

    private Button watched(int pin) {
        Button button = gpio.button(pin);
        button.subscribe(edges::add);
        return button;
    }

    @Test
    void aButtonIsReleasedAtRestAndClosingTheContactIsAPress() {
        Button button = watched(5);
        assertThat(button.pressed()).isFalse();
        pins.contact(5, true);
        Awaitility.await().atMost(Duration.ofSeconds(2)).until(button::pressed);
        assertThat(edges).singleElement().satisfies(e -> {
            assertThat(e.pin()).isEqualTo(5);
            assertThat(e.pressed()).isTrue();
        });
    }

    @Test
    void bounceTrainsOnPressAndReleaseGiveExactlyOnePressAndOneRelease() throws InterruptedException {
        watched(6);
        PressSimulator presses = new PressSimulator(pins, timer);
        for (int bounces : new int[] {1, 3, 10, 25}) {
            edges.clear();
            presses.press(6, 80, bounces);
            // a release bounces too: close-open glitches right after the contact opens
            timer.schedule(() -> pins.contact(6, true), 81, TimeUnit.MILLISECONDS);
            timer.schedule(() -> pins.contact(6, false), 82, TimeUnit.MILLISECONDS);
            Thread.sleep(200);
            assertThat(edges).as("%d bounces", bounces).extracting(ButtonEdge::pressed).containsExactly(true, false);
        }
    }

    @Test
    void aGlitchShorterThanTheSettleTimeIsNoPress() throws InterruptedException {
        watched(13);
        pins.contact(13, true);
        pins.contact(13, false);
        Thread.sleep(100);
        assertThat(edges).isEmpty();
    }

    @Test
    void anEdgeCarriesTheTimeTheContactSettledFromTheInjectedClock() {
        watched(19);
        long before = clock.millis();
        pins.contact(19, true);
        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> !edges.isEmpty());
        // the settle time is the clock's now less the monotonic time since the change, each in whole
        // milliseconds: the two truncations can put it one millisecond before the contact was made
        assertThat(edges.getFirst().at().toEpochMilli()).isBetween(before - 1, before + 15);
    }

    @Test
    void anLedStartsOffAndSwitches() {
        Led led = gpio.led(20);
        assertThat(led.isOn()).isFalse();
        led.on();
        assertThat(led.isOn()).isTrue();
        led.off();
        assertThat(led.isOn()).isFalse();
    }

    @Test
    void aPinCanBeClaimedOnlyOnceAndUnclaimedPinsCannotBeDriven() {
        gpio.button(26);
        assertThatThrownBy(() -> gpio.button(26)).isInstanceOf(GpioException.class).hasMessageContaining("BCM 26");
        assertThat(pins.drives(26)).isTrue();
        assertThat(pins.drives(4)).isFalse();
    }
}

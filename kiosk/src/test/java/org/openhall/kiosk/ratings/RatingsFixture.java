package org.openhall.kiosk.ratings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.openhall.kiosk.config.EvaluatorSettings;
import org.openhall.kiosk.events.EventCodec;
import org.openhall.kiosk.gpio.Button;
import org.openhall.kiosk.gpio.Gpio;
import org.openhall.kiosk.gpio.Led;
import org.openhall.kiosk.gpio.pi4j.Pi4jGpio;
import org.openhall.kiosk.gpio.sim.PinDriver;
import org.openhall.kiosk.gpio.sim.PressSimulator;
import org.openhall.kiosk.json.Json;
import org.openhall.kiosk.outbox.Outbox;
import org.openhall.kiosk.outbox.PendingEvent;
import org.openhall.kiosk.storage.Database;
import org.openhall.kiosk.testing.ManualTimer;

/**
 * The rating service on real parts (a SQLite file, the outbox, Pi4J's mock pins through our adapter) with
 * time under the test's control. Time starts at 2026-03-08 09:00 Shanghai.
 */
final class RatingsFixture implements AutoCloseable {
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final Instant START = Instant.parse("2026-03-08T01:00:00Z");
    static final Map<String, Integer> FIVE = Map.of("very_satisfied", 5, "satisfied", 6, "basically_satisfied", 13,
            "dissatisfied", 19, "very_dissatisfied", 26);
    static final int LED_OK = 20;
    static final int LED_BUSY = 21;

    final Json json = new Json();
    final ManualTimer time;
    final Database database;
    final Outbox outbox;
    final Pi4jGpio gpio;
    final PinDriver pins;
    final PressSimulator presses;
    final RatingService ratings;
    private final Map<Integer, Led> leds = new java.util.concurrent.ConcurrentHashMap<>();

    RatingsFixture(Path dir, long maxEvents, EvaluatorSettings... evaluators) {
        this(dir, maxEvents, new ManualTimer(START, ZONE), evaluators);
    }

    RatingsFixture(Path dir, long maxEvents, ManualTimer time, EvaluatorSettings... evaluators) {
        this.time = time;
        database = new Database(dir.resolve("kiosk.db"), time.clock());
        database.open();
        outbox = new Outbox(database, dir.resolve("seq.floor"), new EventCodec(json, "k1", "test"), json, time.clock(),
                ZONE, maxEvents);
        outbox.start();
        gpio = Pi4jGpio.simulated(time.clock(), time::nanoTime, time);
        pins = gpio.driver().orElseThrow();
        presses = new PressSimulator(pins, time);
        ratings = new RatingService(database, json, time.clock(), time::nanoTime, ZONE, time);
        ratings.start();
        for (EvaluatorSettings e : evaluators) {
            ratings.attach(e, new KeepingGpio());
        }
    }

    static EvaluatorSettings evaluator(String window, int lockoutS, boolean requireInvite, int inviteS) {
        return new EvaluatorSettings(window, FIVE, LED_OK, LED_BUSY, lockoutS, requireInvite, inviteS);
    }

    /** The data of every stored event of {@code type}, oldest first. */
    List<JsonNode> events(String type) {
        return envelopes(type).stream().map(e -> e.get("data")).toList();
    }

    List<JsonNode> envelopes(String type) {
        return outbox.page(-1, 0, 10_000).stream().filter(p -> p.type().equals(type)).map(this::parse).toList();
    }

    private JsonNode parse(PendingEvent pending) {
        try {
            return json.readTree(pending.payload());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Presses through the simulator and lets time run until the press is over (and the contact settled). */
    void press(int pin, int holdMillis, int bounces) {
        presses.press(pin, holdMillis, bounces);
        time.advanceMillis(holdMillis + 50);
    }

    void press(int pin) {
        press(pin, 80, 0);
    }

    /** Whether the LED the service claimed on {@code pin} is lit (read back from the Pi4J output). */
    boolean lit(int pin) {
        return leds.get(pin).isOn();
    }

    /** The real adapter, keeping a reference to each LED it hands out so the test can look at it. */
    private final class KeepingGpio implements Gpio {
        @Override
        public Button button(int pin) {
            return gpio.button(pin);
        }

        @Override
        public Led led(int pin) {
            Led led = gpio.led(pin);
            leds.put(pin, led);
            return led;
        }

        @Override
        public void close() {
            gpio.close();
        }
    }

    @Override
    public void close() {
        gpio.close();
        database.close();
    }
}

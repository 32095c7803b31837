package org.openhall.kiosk.ratings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhall.kiosk.events.EventCodec;
import org.openhall.kiosk.gpio.pi4j.Pi4jGpio;
import org.openhall.kiosk.gpio.sim.PinDriver;
import org.openhall.kiosk.json.Json;
import org.openhall.kiosk.outbox.Outbox;
import org.openhall.kiosk.storage.Database;

/**
 * A measurement, not a performance assertion: the time from a pin edge (Pi4J mock) to the committed rating,
 * over 50 presses on real time, a real timer thread and a real SQLite file. It includes the 20 ms debounce
 * settle time by design. Prints the median; asserts only that every press was committed once.
 */
class PressToCommitLatencyTest {
    @TempDir
    Path dir;

    @Test
    void measuresEdgeToCommitOverFiftyPresses() throws Exception {
        Json json = new Json();
        Clock clock = Clock.system(RatingsFixture.ZONE);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        Database database = new Database(dir.resolve("kiosk.db"), clock);
        database.open();
        Outbox outbox = new Outbox(database, dir.resolve("seq.floor"), new EventCodec(json, "k1", "test"), json, clock,
                RatingsFixture.ZONE, 10_000);
        outbox.start();
        LinkedBlockingQueue<Long> commits = new LinkedBlockingQueue<>();
        outbox.onCommit(() -> commits.add(System.nanoTime()));
        Pi4jGpio gpio = Pi4jGpio.simulated(clock, timer);
        try {
            RatingService ratings = new RatingService(database, json, clock, RatingsFixture.ZONE, timer);
            ratings.start();
            ratings.attach(RatingsFixture.evaluator("1", 0, false, 60), gpio);
            PinDriver pins = gpio.driver().orElseThrow();
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                long edge = System.nanoTime();
                pins.contact(6, true);
                Long committed = commits.poll(5, TimeUnit.SECONDS);
                assertThat(committed).as("press %d committed", i).isNotNull();
                millis.add((committed - edge) / 1e6);
                pins.contact(6, false);
                Thread.sleep(40); // let the release settle
            }
            assertThat(ratings.ratingsToday()).isEqualTo(50);
            Collections.sort(millis);
            System.out.printf("pin edge -> committed rating over 50 presses: median %.1f ms, min %.1f ms, max %.1f ms "
                    + "(includes the %d ms debounce)%n", millis.get(24) / 2 + millis.get(25) / 2, millis.getFirst(),
                    millis.getLast(), org.openhall.kiosk.gpio.DebouncedButton.SETTLE.toMillis());
        } finally {
            gpio.close();
            timer.shutdownNow();
            database.close();
        }
    }
}

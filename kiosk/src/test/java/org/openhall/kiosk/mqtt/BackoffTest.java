package org.openhall.kiosk.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void quickAttemptsWaitBetweenOneAndOneAndAHalfMinimums() {
        Backoff backoff = new Backoff(1_000, 60_000, 10, new SplittableRandom(1));
        for (int i = 0; i < 10; i++) {
            assertThat(backoff.nextDelayMs()).isBetween(1_000L, 1_500L);
        }
    }

    @Test
    void afterTheQuickAttemptsTheCeilingDoublesUpToTheCap() {
        Backoff backoff = new Backoff(1_000, 60_000, 10, new SplittableRandom(1));
        assertThat(backoff.ceilingMs(9)).isEqualTo(1_500);
        assertThat(backoff.ceilingMs(10)).isEqualTo(4_000);
        assertThat(backoff.ceilingMs(11)).isEqualTo(8_000);
        assertThat(backoff.ceilingMs(13)).isEqualTo(32_000);
        assertThat(backoff.ceilingMs(14)).isEqualTo(60_000);
        assertThat(backoff.ceilingMs(Integer.MAX_VALUE)).as("no overflow after days of failures").isEqualTo(60_000);
    }

    @Test
    void everyDelayStaysWithinOneSecondAndTheCapEvenAfterThousandsOfFailures() {
        Backoff backoff = new Backoff(1_000, 60_000, 10, new SplittableRandom(2));
        for (int i = 0; i < 5_000; i++) {
            assertThat(backoff.nextDelayMs()).isBetween(1_000L, 60_000L);
        }
    }

    @Test
    void fullJitterSpreadsAFleetOverTheWholeRange() {
        RandomGenerator random = new SplittableRandom(3);
        Set<Long> bucketsOfFiveSeconds = new HashSet<>();
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int kiosk = 0; kiosk < 2_000; kiosk++) {
            Backoff backoff = new Backoff(1_000, 60_000, 10, random);
            long delay = 0;
            for (int failure = 0; failure < 20; failure++) {
                delay = backoff.nextDelayMs();
            }
            bucketsOfFiveSeconds.add(delay / 5_000);
            min = Math.min(min, delay);
            max = Math.max(max, delay);
        }
        assertThat(bucketsOfFiveSeconds).as("twentieth retries spread over 1-60 s, not in step").hasSizeGreaterThanOrEqualTo(12);
        assertThat(min).isLessThan(5_000);
        assertThat(max).isGreaterThan(55_000);
    }

    @Test
    void resetStartsTheNextOutageWithQuickAttemptsAgain() {
        Backoff backoff = new Backoff(1_000, 60_000, 2, new SplittableRandom(4));
        for (int i = 0; i < 30; i++) {
            backoff.nextDelayMs();
        }
        backoff.reset();
        assertThat(backoff.nextDelayMs()).isBetween(1_000L, 1_500L);
        assertThat(backoff.nextDelayMs()).isBetween(1_000L, 1_500L);
    }

    @Test
    void nonsenseBoundsAreRefused() {
        assertThatThrownBy(() -> new Backoff(0, 60_000, 1, new SplittableRandom())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(2_000, 1_000, 1, new SplittableRandom())).isInstanceOf(IllegalArgumentException.class);
    }
}

package org.openhall.kiosk.work;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class WorkerTest {
    @Test
    void aFailingStepIsRetriedWithGrowingPausesNotInALoop() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Worker worker = new Worker("test-failing", () -> {
            calls.incrementAndGet();
            throw new IllegalStateException("database is locked");
        });
        worker.start();
        try {
            Thread.sleep(1_000);
            // 0, +200, +400 ms: three rounds in the first second, never hundreds
            assertThat(calls.get()).isBetween(2, 4);
            assertThat(worker.alive()).isTrue();
            assertThat(worker.failures()).isEqualTo(calls.get());
        } finally {
            worker.stop(2_000);
        }
        assertThat(worker.alive()).isFalse();
    }

    @Test
    void wakeUpsDoNotShortenABackoff() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Worker worker = new Worker("test-woken", () -> {
            calls.incrementAndGet();
            throw new IllegalStateException("disk full");
        });
        worker.start();
        try {
            for (int i = 0; i < 100; i++) {
                worker.wake();
                Thread.sleep(5);
            }
            assertThat(calls.get()).isLessThanOrEqualTo(4);
        } finally {
            worker.stop(2_000);
        }
    }

    @Test
    void aWakeUpDuringARoundIsNotLost() throws Exception {
        CountDownLatch inFirstRound = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger rounds = new AtomicInteger();
        Worker worker = new Worker("test-wake", () -> {
            if (rounds.incrementAndGet() == 1) {
                inFirstRound.countDown();
                release.await();
            }
            return 60_000;
        });
        worker.start();
        try {
            assertThat(inFirstRound.await(2, TimeUnit.SECONDS)).isTrue();
            worker.wake(); // arrives while the round runs: the following 60 s sleep must end at once
            release.countDown();
            Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> rounds.get() >= 2);
        } finally {
            worker.stop(2_000);
        }
    }

    @Test
    void retryDelaysDoubleUpToTenSeconds() {
        assertThat(Worker.retryDelayMs(1)).isEqualTo(200);
        assertThat(Worker.retryDelayMs(2)).isEqualTo(400);
        assertThat(Worker.retryDelayMs(6)).isEqualTo(6_400);
        assertThat(Worker.retryDelayMs(7)).isEqualTo(10_000);
        assertThat(Worker.retryDelayMs(1_000_000)).isEqualTo(10_000);
    }
}

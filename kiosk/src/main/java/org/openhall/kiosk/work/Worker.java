package org.openhall.kiosk.work;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One named platform thread that runs a {@link Step} over and over. A step does one round of work and says
 * how long the thread may sleep before the next round; {@link #wake()} cuts that sleep short (a wake-up
 * that comes while the step runs is not lost: the next sleep returns at once). A step that throws is
 * retried after a capped exponential backoff ({@value #FIRST_RETRY_MS} ms doubling up to
 * {@value #MAX_RETRY_MS} ms), so a failing database or broker never makes the thread spin; the first
 * failure, every {@value #LOG_EVERY}th after it and the recovery are logged, one line each.
 *
 * <p>{@link #alive()} is what the systemd watchdog asks: the thread runs and was not stopped.
 */
public final class Worker {
    private static final Logger log = LoggerFactory.getLogger(Worker.class);
    static final long FIRST_RETRY_MS = 200;
    static final long MAX_RETRY_MS = 10_000;
    private static final int LOG_EVERY = 50;

    /** One round of work. */
    @FunctionalInterface
    public interface Step {
        /**
         * Does what is due now.
         *
         * @return the longest the worker may sleep before the next round (ms; 0 = at once)
         */
        long run() throws Exception;
    }

    private final String name;
    private final Step step;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wakeUp = lock.newCondition();
    private volatile boolean running;
    private boolean woken;
    private long failures;
    private Thread thread;

    public Worker(String name, Step step) {
        this.name = name;
        this.step = step;
    }

    public synchronized void start() {
        running = true;
        thread = Thread.ofPlatform().name(name).start(this::loop);
    }

    public boolean running() {
        return running;
    }

    /** True while the thread runs and was not asked to stop. */
    public boolean alive() {
        Thread t = thread;
        return running && t != null && t.isAlive();
    }

    /** Consecutive failed rounds (0 while the step succeeds). */
    public long failures() {
        return failures;
    }

    /** Ends the current sleep, or the next one if the step is running. */
    public void wake() {
        lock.lock();
        try {
            woken = true;
            wakeUp.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Asks the loop to end after the round in hand, without waiting for it. */
    public void requestStop() {
        running = false;
        wake();
    }

    /** Asks the loop to end and waits up to {@code timeoutMs} for the round in hand to finish. */
    public void stop(long timeoutMs) {
        requestStop();
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(timeoutMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void loop() {
        while (running) {
            long sleepMs;
            try {
                sleepMs = step.run();
                if (failures > 0) {
                    log.info("{}: working again after {} failed rounds", name, failures);
                    failures = 0;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
                break;
            } catch (Exception e) {
                failures++;
                if (failures % LOG_EVERY == 1) {
                    log.error("{}: {} (failure {}; retrying with backoff)", name, e.toString(), failures);
                }
                sleepMs = retryDelayMs(failures);
                sleep(sleepMs, true);
                continue;
            }
            sleep(sleepMs, false);
        }
    }

    /** 200 ms, 400 ms, … 10 s. */
    static long retryDelayMs(long failures) {
        int doublings = (int) Math.min(16, Math.max(0, failures - 1));
        return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS << doublings);
    }

    /** A backoff sleep ignores wake-ups: a commit must not turn a failing round into a spinning one. */
    private void sleep(long ms, boolean backoff) {
        if (ms <= 0 && !backoff) {
            lock.lock();
            woken = false;
            lock.unlock();
            return;
        }
        lock.lock();
        try {
            long left = TimeUnit.MILLISECONDS.toNanos(ms);
            while (running && left > 0 && (backoff || !woken)) {
                left = wakeUp.awaitNanos(left);
            }
            woken = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }
}

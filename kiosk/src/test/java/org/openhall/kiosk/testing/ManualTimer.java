package org.openhall.kiosk.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Time under the test's control: a {@link Clock} and a {@link ScheduledExecutorService} that share one manual
 * "now". Nothing runs until {@link #advance} moves time; then due tasks run in time order on the calling
 * thread, each with the clock set to its due time. Only one-shot {@code schedule} and {@code execute} are
 * supported, which is what the kiosk timer is used for by the code under test.
 */
public final class ManualTimer extends AbstractExecutorService implements ScheduledExecutorService {
    private final ZoneId zone;
    private final PriorityQueue<Task<?>> queue = new PriorityQueue<>();
    private long nowNanos;
    private long wallOffsetNanos;
    private long sequence;

    public ManualTimer(Instant start, ZoneId zone) {
        this.zone = zone;
        this.nowNanos = TimeUnit.SECONDS.toNanos(start.getEpochSecond()) + start.getNano();
    }

    public Clock clock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Instant instant() {
                return now();
            }
        };
    }

    /** The wall clock's now: the manual time plus any {@link #jumpWallClock} jumps. */
    public synchronized Instant now() {
        return Instant.ofEpochSecond(0, nowNanos + wallOffsetNanos);
    }

    /** The monotonic time ({@code System.nanoTime} stand-in): moves only with {@link #advance}, never jumps. */
    public synchronized long nanoTime() {
        return nowNanos;
    }

    /** Moves the wall clock alone (NTP stepping it, an operator setting it); monotonic time and tasks stay. */
    public synchronized void jumpWallClock(Duration by) {
        wallOffsetNanos += by.toNanos();
    }

    /** Moves time forward by {@code step}, running every task that falls due on the way. */
    public void advance(Duration step) {
        long target;
        synchronized (this) {
            target = nowNanos + step.toNanos();
        }
        while (true) {
            Task<?> next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.dueNanos > target) {
                    nowNanos = target;
                    return;
                }
                queue.poll();
                nowNanos = Math.max(nowNanos, next.dueNanos);
            }
            next.run();
        }
    }

    public void advanceMillis(long millis) {
        advance(Duration.ofMillis(millis));
    }

    public synchronized int pending() {
        return (int) queue.stream().filter(t -> !t.isCancelled()).count();
    }

    @Override
    public synchronized ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        Task<Void> task = new Task<>(() -> {
            command.run();
            return null;
        }, nowNanos + Math.max(0, unit.toNanos(delay)), sequence++);
        queue.add(task);
        return task;
    }

    @Override
    public synchronized <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        Task<V> task = new Task<>(callable, nowNanos + Math.max(0, unit.toNanos(delay)), sequence++);
        queue.add(task);
        return task;
    }

    @Override
    public void execute(Runnable command) {
        schedule(command, 0, TimeUnit.NANOSECONDS);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException("periodic tasks are not simulated");
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("periodic tasks are not simulated");
    }

    @Override
    public void shutdown() {}

    @Override
    public List<Runnable> shutdownNow() {
        return new ArrayList<>();
    }

    @Override
    public boolean isShutdown() {
        return false;
    }

    @Override
    public boolean isTerminated() {
        return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
    }

    private final class Task<V> extends java.util.concurrent.FutureTask<V> implements ScheduledFuture<V> {
        final long dueNanos;
        final long order;

        Task(Callable<V> callable, long dueNanos, long order) {
            super(callable);
            this.dueNanos = dueNanos;
            this.order = order;
        }

        @Override
        public void run() {
            super.run();
            try {
                if (!isCancelled()) {
                    get(); // surface a failing task in the test instead of swallowing it
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("scheduled task failed", e.getCause());
            }
        }

        @Override
        public long getDelay(TimeUnit unit) {
            synchronized (ManualTimer.this) {
                return unit.convert(dueNanos - nowNanos, TimeUnit.NANOSECONDS);
            }
        }

        @Override
        public int compareTo(Delayed other) {
            Task<?> o = (Task<?>) other;
            int byDue = Long.compare(dueNanos, o.dueNanos);
            return byDue != 0 ? byDue : Long.compare(order, o.order);
        }
    }
}

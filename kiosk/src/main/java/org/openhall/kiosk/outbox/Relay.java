package org.openhall.kiosk.outbox;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that moves events from the outbox to the broker: oldest first within priority, only while
 * connected, at most {@code window} unacknowledged at once, deleting rows in batches only after the broker's
 * PUBACK. After a reconnect everything unacknowledged is sent again with the same id and seq.
 *
 * <p>The loop sleeps on a condition: it wakes on a commit, an acknowledgement, a connection change or the
 * housekeeping timer, never polls.
 */
public final class Relay implements Publisher.Listener {
    private static final Logger log = LoggerFactory.getLogger(Relay.class);
    private static final int PAGE = 256;
    private static final long HOUSEKEEPING_MS = 60_000;

    private final Outbox outbox;
    private final Publisher publisher;
    private final Clock clock;
    private final int window;
    private final long telemetryTtlMs;
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<Long> acked = new ConcurrentLinkedQueue<>();
    /** Acknowledged but not yet deleted: never sent again, even by a rescan that reads the row once more. */
    private final Set<Long> ackedNotDeleted = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private volatile boolean running;
    private boolean rescan = true;
    private int cursorPriority = -1;
    private long cursorSeq = -1;
    private Thread thread;
    private long nextHousekeeping;

    public Relay(Outbox outbox, Publisher publisher, Clock clock, int window, long telemetryTtlMs) {
        this.outbox = outbox;
        this.publisher = publisher;
        this.clock = clock;
        this.window = window;
        this.telemetryTtlMs = telemetryTtlMs;
    }

    public void start() {
        publisher.listener(this);
        outbox.onCommit(this::signalRescan);
        running = true;
        thread = Thread.ofPlatform().name("outbox-relay").daemon(false).start(this::loop);
    }

    public void stop() {
        running = false;
        signal();
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        deleteAcked();
    }

    public int inFlight() {
        return inFlight.size();
    }

    @Override
    public void acknowledged(long seq) {
        ackedNotDeleted.add(seq);
        acked.add(seq);
        inFlight.remove(seq);
        signal();
    }

    @Override
    public void connectionChanged(boolean connected) {
        // whatever was in flight on the old connection is sent again: at-least-once
        inFlight.clear();
        signalRescan();
    }

    private void signalRescan() {
        lock.lock();
        try {
            rescan = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void signal() {
        lock.lock();
        try {
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        while (running) {
            try {
                deleteAcked();
                housekeeping();
                if (!publisher.connected() || !sendSome()) {
                    await();
                }
            } catch (RuntimeException e) {
                log.error("relay: {}; retrying in 1 s", e.toString());
                sleepQuietly(1_000);
            }
        }
    }

    /** Sends from the cursor on; returns false when there was nothing to send or no room to send it. */
    private boolean sendSome() {
        takeRescan();
        if (inFlight.size() >= window) {
            return false;
        }
        List<PendingEvent> page = outbox.page(cursorPriority, cursorSeq, PAGE);
        if (page.isEmpty()) {
            boolean wasAtStart = cursorSeq < 0;
            resetCursor();
            return !wasAtStart && !allInFlight();
        }
        for (PendingEvent event : page) {
            if (!running || !publisher.connected() || inFlight.size() >= window) {
                return false;
            }
            cursorPriority = event.priority();
            cursorSeq = event.seq();
            if (inFlight.contains(event.seq()) || ackedNotDeleted.contains(event.seq())) {
                continue;
            }
            if (!send(event)) {
                return false;
            }
        }
        return true;
    }

    private boolean allInFlight() {
        return outbox.depth() <= inFlight.size();
    }

    private boolean send(PendingEvent event) {
        inFlight.add(event.seq());
        try {
            publisher.publish("events/" + event.type(), event.payload(), event.seq());
            return true;
        } catch (Publisher.PublishFailedException e) {
            inFlight.remove(event.seq());
            resetCursor();
            log.debug("publish of seq {} failed: {}", event.seq(), e.getMessage());
            return false;
        }
    }

    private void takeRescan() {
        lock.lock();
        try {
            if (rescan) {
                rescan = false;
                resetCursor();
            }
        } finally {
            lock.unlock();
        }
    }

    private void resetCursor() {
        cursorPriority = -1;
        cursorSeq = -1;
    }

    private void await() {
        lock.lock();
        try {
            if (running && acked.isEmpty() && !rescan) {
                wake.await(HOUSEKEEPING_MS, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    private void deleteAcked() {
        List<Long> batch = new ArrayList<>();
        for (Long seq; (seq = acked.poll()) != null; ) {
            batch.add(seq);
            if (batch.size() == 1_000) {
                deleteBatch(batch);
            }
        }
        deleteBatch(batch);
    }

    private void deleteBatch(List<Long> batch) {
        outbox.delete(batch);
        batch.forEach(ackedNotDeleted::remove);
        batch.clear();
    }

    private void housekeeping() {
        long now = clock.millis();
        if (now >= nextHousekeeping) {
            nextHousekeeping = now + HOUSEKEEPING_MS;
            outbox.expireTelemetry(telemetryTtlMs);
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

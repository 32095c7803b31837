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
import org.openhall.kiosk.events.Priority;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that moves events from the outbox to the broker: oldest first within priority, only while
 * connected, at most {@code window} unacknowledged at once, deleting rows only after the broker's PUBACK.
 * After a reconnect everything unacknowledged is sent again with the same id and seq.
 *
 * <p>The relay reads the outbox in pages from a cursor (priority, seq). Every unsent row that is neither in
 * flight nor acknowledged lies after the cursor, so the cursor only moves back when that could be false: a
 * new connection (what was in flight is lost), a failed publish, or a commit of a more urgent class than the
 * cursor's. Acknowledged rows are deleted in batches: {@link #DELETE_BATCH} during a drain, else once
 * {@link #DELETE_MIN} have gathered and nothing is in flight, or when the oldest has waited
 * {@link #DELETE_DELAY_MS}, and on stop. Each delete is a commit: an fsync per PUBACK would cap the drain at
 * the card's fsync rate, and a commit per event would write its pages to the SD card once more for every
 * ticket. A crash between PUBACK and delete only means those events are sent again (at-least-once, same id
 * and seq): at most {@link #DELETE_MIN} events or {@link #DELETE_DELAY_MS} of them in normal traffic.
 *
 * <p>The loop sleeps on a condition: it wakes on a commit, a connection change, a PUBACK while the window
 * is full (or the last one, or a delete batch's worth), or on the housekeeping timer; it never polls.
 */
public final class Relay implements Publisher.Listener {
    private static final Logger log = LoggerFactory.getLogger(Relay.class);
    static final int PAGE = 256;
    static final int DELETE_BATCH = 512;
    static final int DELETE_MIN = 32;
    static final long DELETE_DELAY_MS = 10 * 60_000;
    private static final long HOUSEKEEPING_MS = 60_000;
    private static final long RETRY_MS = 1_000;

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
    private volatile boolean sleeping;
    /**
     * Set by the connection-up notice, after the stale in-flight set is cleared: nothing is sent on a new
     * connection before that, or the clear would forget events already in flight on it.
     */
    private volatile boolean linkUp;
    private boolean dirty = true;
    private boolean rescan = true;
    /** The most urgent class committed since the loop last looked (ordinal), or MAX_VALUE. */
    private int committedPriority = Integer.MAX_VALUE;
    private int cursorPriority = -1;
    private long cursorSeq = -1;
    private volatile boolean blockedOnWindow;
    private boolean publishFailed;
    private Thread thread;
    private long nextHousekeeping;
    /** When the oldest acknowledged row not yet deleted was acknowledged (relay clock), or -1. */
    private volatile long oldestAckMs = -1;

    public Relay(Outbox outbox, Publisher publisher, Clock clock, int window, long telemetryTtlMs) {
        if (window < 2) {
            throw new IllegalArgumentException("relay window must be at least 2");
        }
        this.outbox = outbox;
        this.publisher = publisher;
        this.clock = clock;
        this.window = window;
        this.telemetryTtlMs = telemetryTtlMs;
    }

    public void start() {
        publisher.listener(this);
        outbox.onCommitOfPriority(this::committed);
        running = true;
        thread = Thread.ofPlatform().name("outbox-relay").daemon(false).start(this::loop);
    }

    /** True while the loop thread runs (the systemd watchdog asks). */
    public boolean alive() {
        Thread t = thread;
        return t != null && t.isAlive();
    }

    public void stop() {
        running = false;
        signal(false);
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
        outbox.acknowledged(seq);
        if (ackedNotDeleted.isEmpty()) {
            oldestAckMs = clock.millis();
        }
        ackedNotDeleted.add(seq);
        acked.add(seq);
        inFlight.remove(seq);
        // A relay blocked on a full window refills on every PUBACK. Waiting for half the window would be
        // fewer wake-ups, but brokers Nagle their small PUBACKs: while we send nothing, our delayed ACK
        // (40 ms) holds back the rest, and the drain collapses to one half-window per 40 ms.
        if (sleeping && (blockedOnWindow || deleteDue())) {
            signal(false);
        }
    }

    @Override
    public void connectionChanged(boolean connected) {
        // whatever was in flight on the old connection is sent again: at-least-once
        linkUp = false;
        inFlight.clear();
        linkUp = connected;
        signal(true);
    }

    private void committed(Priority priority) {
        lock.lock();
        try {
            committedPriority = Math.min(committedPriority, priority.ordinal());
            dirty = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void signal(boolean rescanToo) {
        lock.lock();
        try {
            dirty = true;
            rescan |= rescanToo;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private boolean sending() {
        return linkUp && publisher.connected();
    }

    private void loop() {
        while (running) {
            try {
                takeWork();
                housekeeping();
                blockedOnWindow = false;
                publishFailed = false;
                if (sending()) {
                    sendSome();
                }
                if (deleteDue()) {
                    deleteAcked();
                }
                await();
            } catch (RuntimeException e) {
                log.error("relay: {}; retrying in 1 s", e.toString());
                resetCursor();
                sleepQuietly(RETRY_MS);
            }
        }
    }

    /** Fills the window from the cursor on; stops at the end of the outbox, a full window or a failure. */
    private void sendSome() {
        while (running) {
            if (inFlight.size() >= window) {
                blockedOnWindow = true;
                return;
            }
            List<PendingEvent> page = outbox.page(cursorPriority, cursorSeq, PAGE);
            for (PendingEvent event : page) {
                if (!running || !sending()) {
                    return;
                }
                if (inFlight.size() >= window) {
                    blockedOnWindow = true;
                    return;
                }
                if (!inFlight.contains(event.seq()) && !ackedNotDeleted.contains(event.seq()) && !send(event)) {
                    return;
                }
                cursorPriority = event.priority();
                cursorSeq = event.seq();
            }
            if (page.size() < PAGE) {
                return;
            }
        }
    }

    private boolean send(PendingEvent event) {
        inFlight.add(event.seq());
        try {
            publisher.publish("events/" + event.type(), event.payload(), event.seq());
            return true;
        } catch (Publisher.PublishFailedException e) {
            inFlight.remove(event.seq());
            resetCursor();
            publishFailed = true;
            log.debug("publish of seq {} failed: {}", event.seq(), e.getMessage());
            return false;
        }
    }

    private void takeWork() {
        lock.lock();
        try {
            dirty = false;
            if (rescan || committedPriority < cursorPriority) {
                resetCursor();
            }
            rescan = false;
            committedPriority = Integer.MAX_VALUE;
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
            sleeping = true;
            // re-checked after 'sleeping' is visible: a PUBACK that arrived just before is not missed
            boolean due = dirty || !running
                    || (blockedOnWindow && inFlight.size() < window)
                    || deleteDue();
            if (!due) {
                long sleep = publishFailed ? RETRY_MS : HOUSEKEEPING_MS;
                if (oldestAckMs >= 0) {
                    sleep = Math.max(1, Math.min(sleep, oldestAckMs + DELETE_DELAY_MS - clock.millis()));
                }
                wake.await(sleep, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            sleeping = false;
            lock.unlock();
        }
    }

    private boolean deleteDue() {
        int n = ackedNotDeleted.size();
        return n >= DELETE_BATCH
                || (n >= DELETE_MIN && inFlight.isEmpty())
                || (n > 0 && (clock.millis() - oldestAckMs >= DELETE_DELAY_MS || clock.millis() < oldestAckMs));
    }

    private void deleteAcked() {
        List<Long> batch = new ArrayList<>();
        for (Long seq; (seq = acked.poll()) != null; ) {
            batch.add(seq);
            if (batch.size() == 4 * DELETE_BATCH) {
                deleteBatch(batch);
            }
        }
        deleteBatch(batch);
    }

    private void deleteBatch(List<Long> batch) {
        try {
            outbox.delete(batch);
        } catch (RuntimeException e) {
            acked.addAll(batch); // still acknowledged: deleted on the next try
            throw e;
        }
        batch.forEach(ackedNotDeleted::remove);
        batch.clear();
        oldestAckMs = ackedNotDeleted.isEmpty() ? -1 : clock.millis();
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

package org.openhall.kiosk.outbox;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.openhall.kiosk.events.EventType;
import org.openhall.kiosk.events.Priority;
import org.openhall.kiosk.work.Worker;
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
 * ticket (docs/benchmarks.md, "Budget"). A crash between PUBACK and delete only means those events are sent
 * again (at-least-once, same id and seq): at most {@link #DELETE_MIN} events or {@link #DELETE_DELAY_MS} of
 * them in normal traffic. An event that carries personal data (a parcel's resident) is the exception: its row is
 * deleted as soon as the broker has it, so the card keeps that data no longer than it must.
 *
 * <p>The relay is one {@link Worker}: it sleeps until a commit, a connection change, a PUBACK while the window
 * is full (or the last one, or a delete batch's worth), or the housekeeping timer; it never polls. A read or
 * delete that fails (another process holds the write lock, an I/O error, a full disk) throws out of the
 * round and the worker retries with backoff: acknowledged seqs wait in {@link #acked} until a delete
 * succeeds, so nothing acknowledged is sent again or forgotten, and the relay never spins.
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
    /** Seqs in flight whose event carries personal data: deleted as soon as acknowledged, not batched. */
    private final Set<Long> personalInFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean personalAcked;
    private final ReentrantLock lock = new ReentrantLock();
    private final Worker worker = new Worker("outbox-relay", this::round);
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
        worker.start();
    }

    /** True while the relay's thread runs (the systemd watchdog asks). */
    public boolean alive() {
        return worker.alive();
    }

    public void stop() {
        worker.stop(5_000);
        try {
            deleteAcked();
        } catch (RuntimeException e) {
            // sent again after the restart, same id and seq: at-least-once
            log.warn("relay: {} acknowledged events not deleted at stop: {}", ackedNotDeleted.size(), e.toString());
        }
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
        if (personalInFlight.remove(seq)) {
            personalAcked = true;
        }
        // A relay blocked on a full window refills on every PUBACK. Waiting for half the window would be
        // fewer wake-ups, but brokers Nagle their small PUBACKs: while we send nothing, our delayed ACK
        // (40 ms) holds back the rest, and the drain collapses to one half-window per 40 ms.
        if (blockedOnWindow || deleteDue()) {
            worker.wake();
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
        } finally {
            lock.unlock();
        }
        worker.wake();
    }

    private void signal(boolean rescanToo) {
        lock.lock();
        try {
            dirty = true;
            rescan |= rescanToo;
        } finally {
            lock.unlock();
        }
        worker.wake();
    }

    private boolean sending() {
        return linkUp && publisher.connected();
    }

    /** One round: returns how long the worker may sleep (a wake-up ends the sleep sooner). */
    private long round() {
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
        } catch (RuntimeException e) {
            // a rescan after the failure: a page read half-way may have moved the cursor past unsent rows
            resetCursor();
            throw e;
        }
        if (due()) {
            return 0;
        }
        long sleep = publishFailed ? RETRY_MS : HOUSEKEEPING_MS;
        long oldest = oldestAckMs;
        return oldest < 0 ? sleep : Math.max(1, Math.min(sleep, oldest + DELETE_DELAY_MS - clock.millis()));
    }

    private boolean deleteDue() {
        int n = ackedNotDeleted.size();
        long now = clock.millis();
        return n >= DELETE_BATCH
                || (n > 0 && personalAcked)
                || (n >= DELETE_MIN && inFlight.isEmpty())
                || (n > 0 && (now - oldestAckMs >= DELETE_DELAY_MS || now < oldestAckMs));
    }

    private boolean due() {
        lock.lock();
        try {
            return dirty
                    || (blockedOnWindow && inFlight.size() < window)
                    || deleteDue();
        } finally {
            lock.unlock();
        }
    }

    /** Fills the window from the cursor on; stops at the end of the outbox, a full window or a failure. */
    private void sendSome() {
        while (worker.running()) {
            if (inFlight.size() >= window) {
                blockedOnWindow = true;
                return;
            }
            List<PendingEvent> page = outbox.page(cursorPriority, cursorSeq, PAGE);
            for (PendingEvent event : page) {
                if (!worker.running() || !sending()) {
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
        if (EventType.carriesPersonalData(event.type())) {
            personalInFlight.add(event.seq());
        }
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

    /**
     * Deletes what was acknowledged, in batches. Seqs are taken off {@link #acked} only once their delete
     * committed: a failed delete leaves them queued for the next round (and still in ackedNotDeleted).
     */
    private void deleteAcked() {
        List<Long> batch = new ArrayList<>(4 * DELETE_BATCH);
        while (true) {
            batch.clear();
            for (Long seq : acked) {
                batch.add(seq);
                if (batch.size() == 4 * DELETE_BATCH) {
                    break;
                }
            }
            if (batch.isEmpty()) {
                personalAcked = false;
                return;
            }
            outbox.delete(batch);
            for (int i = 0; i < batch.size(); i++) {
                ackedNotDeleted.remove(acked.poll());
            }
            oldestAckMs = ackedNotDeleted.isEmpty() ? -1 : clock.millis();
        }
    }

    private void housekeeping() {
        long now = clock.millis();
        if (now >= nextHousekeeping) {
            nextHousekeeping = now + HOUSEKEEPING_MS;
            outbox.expireTelemetry(telemetryTtlMs);
        }
    }
}

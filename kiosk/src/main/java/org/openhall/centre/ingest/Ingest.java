package org.openhall.centre.ingest;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openhall.centre.store.CentreStore;
import org.openhall.centre.store.Envelope;
import org.openhall.centre.store.IngestBatch;
import org.openhall.centre.store.IngestOutcome;
import org.openhall.centre.store.Presence;
import org.openhall.centre.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes deliveries off the transport, stores them in batches (up to {@code maxBatch} messages or
 * {@code maxWaitMs} after the first), and acknowledges each delivery only after its batch committed. A
 * failed commit is retried with the same batch, unacknowledged, until the database takes it: the broker
 * keeps everything not acknowledged, so a centre killed at any moment loses nothing.
 */
public final class Ingest {
    private static final Logger log = LoggerFactory.getLogger(Ingest.class);
    private final CentreStore store;
    private final EnvelopeReader reader;
    private final Clock clock;
    private final int maxBatch;
    private final long maxWaitMs;
    /** Payload bytes (plus a per-message overhead) allowed to wait in memory for a commit. */
    static final long MAX_QUEUED_BYTES = 32L * 1024 * 1024;
    private final BlockingQueue<Delivery> queue = new LinkedBlockingQueue<>();
    private final Object budget = new Object();
    private long queuedBytes;
    private final List<Consumer<IngestOutcome>> listeners = new CopyOnWriteArrayList<>();
    private final IngestStats stats = new IngestStats();
    private final LogBudget junkLog = new LogBudget(20, System::nanoTime);
    private final LogBudget failureLog = new LogBudget(6, System::nanoTime);
    private volatile boolean running;
    private volatile boolean storeFailing;
    private volatile Thread thread;
    /** When the ingest thread last came round its loop or tried a commit ({@link System#nanoTime()}). */
    private volatile long beatNanos = System.nanoTime();

    public Ingest(CentreStore store, EnvelopeReader reader, Clock clock, int maxBatch, long maxWaitMs) {
        this.store = store;
        this.reader = reader;
        this.clock = clock;
        this.maxBatch = maxBatch;
        this.maxWaitMs = maxWaitMs;
    }

    /** Called after each commit with what it stored, on the ingest thread; keep it short. */
    public void onCommit(Consumer<IngestOutcome> listener) {
        listeners.add(listener);
    }

    /**
     * Hands a delivery over; called by the transport. Blocks while more than {@link #MAX_QUEUED_BYTES} of
     * payload wait for a commit: a broker that sends faster than the database takes (a backlog after an
     * outage) is slowed down through TCP instead of filling the heap. Paho's receiver pauses meanwhile; a
     * pause long enough to miss a keepalive only costs a reconnect and redeliveries, never an event.
     */
    public void accept(Delivery delivery) {
        long size = delivery.payload().length + 200L;
        synchronized (budget) {
            while (queuedBytes + size > MAX_QUEUED_BYTES && queuedBytes > 0 && running) {
                try {
                    budget.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            queuedBytes += size;
        }
        queue.add(delivery);
    }

    private void released(List<Delivery> batch) {
        long size = 0;
        for (Delivery d : batch) {
            size += d.payload().length + 200L;
        }
        synchronized (budget) {
            queuedBytes -= size;
            budget.notifyAll();
        }
    }

    public IngestStats stats() {
        return stats;
    }

    public int queued() {
        return queue.size();
    }

    /** True while the last commit attempt failed. */
    public boolean storeFailing() {
        return storeFailing;
    }

    /**
     * True while the ingest thread runs and came round within {@code maxSilentNanos}: idle it comes round every
     * 250 ms, a failing database every few seconds; silence longer than the slowest commit means it hangs.
     */
    public boolean alive(long maxSilentNanos) {
        Thread t = thread;
        return running && t != null && t.isAlive() && System.nanoTime() - beatNanos < maxSilentNanos;
    }

    public synchronized void start() {
        running = true;
        beatNanos = System.nanoTime();
        thread = Thread.ofPlatform().name("centre-ingest").daemon(true).start(this::loop);
    }

    /** Stops after the batch in hand; what is still queued stays unacknowledged (the broker keeps it). */
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void loop() {
        List<Delivery> batch = new ArrayList<>(maxBatch);
        while (running) {
            beatNanos = System.nanoTime();
            try {
                if (!collect(batch)) {
                    continue;
                }
                commitWithRetry(batch);
                released(batch);
                batch.clear();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.error("ingest loop failed; {} deliveries left unacknowledged", batch.size(), e);
                released(batch);
                batch.clear();
            }
        }
    }

    private boolean collect(List<Delivery> batch) throws InterruptedException {
        Delivery first = queue.poll(250, TimeUnit.MILLISECONDS);
        if (first == null) {
            return false;
        }
        batch.add(first);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxWaitMs);
        while (batch.size() < maxBatch) {
            queue.drainTo(batch, maxBatch - batch.size());
            long left = deadline - System.nanoTime();
            if (batch.size() >= maxBatch || left <= 0) {
                break;
            }
            Delivery next = queue.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                break;
            }
            batch.add(next);
        }
        return true;
    }

    private void commitWithRetry(List<Delivery> batch) throws InterruptedException {
        List<Envelope> events = new ArrayList<>();
        List<Presence> presence = new ArrayList<>();
        for (Delivery d : batch) {
            stats.received.increment();
            if (d.droppedBytes() >= 0) {
                junk(new Parsed.Junk("too_large", d.droppedBytes() + " bytes on " + d.topic() + ", dropped unread by the transport"));
                continue;
            }
            switch (reader.read(d.topic(), d.payload())) {
                case Parsed.Event e -> events.add(e.envelope());
                case Parsed.Status s -> presence.add(s.presence());
                case Parsed.Nothing n -> { }
                case Parsed.Junk j -> junk(j);
            }
        }
        long waitMs = 100;
        while (true) {
            beatNanos = System.nanoTime();
            try {
                long t0 = System.nanoTime();
                IngestOutcome outcome = events.isEmpty() && presence.isEmpty()
                        ? new IngestOutcome(List.of(), 0, List.of(), java.util.Set.of())
                        : store.ingest(new IngestBatch(events, presence, clock.millis()));
                stats.storeNanos.add(System.nanoTime() - t0);
                storeFailing = false;
                batch.forEach(Delivery::ack);
                count(outcome);
                listeners.forEach(l -> notify(l, outcome));
                return;
            } catch (StoreException e) {
                storeFailing = true;
                stats.failedCommits.increment();
                if (failureLog.take() >= 0) {
                    log.warn("could not store a batch of {} ({}); retrying, nothing acknowledged", batch.size(), e.getMessage());
                }
                if (!running) {
                    throw new InterruptedException("stopping with an uncommitted batch");
                }
                Thread.sleep(waitMs);
                waitMs = Math.min(5_000, waitMs * 2);
            }
        }
    }

    private void count(IngestOutcome outcome) {
        stats.batches.increment();
        stats.stored.add(outcome.stored().size());
        stats.duplicates.add(outcome.duplicates());
        stats.conflicts.add(outcome.conflicts().size());
        stats.lastCommitMs.set(clock.millis());
        outcome.newKiosks().forEach(k -> log.info("new kiosk {} registered by its first message", k));
        for (Envelope c : outcome.conflicts()) {
            log.warn("conflict: {} seq {} already stored under another id; the new one ({}) is kept aside",
                    c.kioskId(), c.seq(), c.id());
        }
    }

    private void junk(Parsed.Junk j) {
        stats.junk(j.reason());
        long left = junkLog.take();
        if (left >= 0) {
            log.warn("junk ({}): {}{}", j.reason(), j.detail().length() > 200 ? j.detail().substring(0, 200) : j.detail(),
                    left > 0 ? " (" + left + " more not logged)" : "");
        }
    }

    private static void notify(Consumer<IngestOutcome> listener, IngestOutcome outcome) {
        try {
            listener.accept(outcome);
        } catch (RuntimeException e) {
            log.error("a commit listener failed", e);
        }
    }
}

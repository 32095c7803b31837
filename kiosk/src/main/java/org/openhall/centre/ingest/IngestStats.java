package org.openhall.centre.ingest;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counters of this centre instance since it started (the stored totals are in the kiosk rows). */
public final class IngestStats {
    final LongAdder received = new LongAdder();
    final LongAdder stored = new LongAdder();
    final LongAdder duplicates = new LongAdder();
    final LongAdder conflicts = new LongAdder();
    final LongAdder batches = new LongAdder();
    final LongAdder failedCommits = new LongAdder();
    final AtomicLong lastCommitMs = new AtomicLong();
    /** Time spent inside the store's ingest transactions, for the benchmark's breakdown. */
    final LongAdder storeNanos = new LongAdder();
    private final Map<String, LongAdder> junk = new ConcurrentHashMap<>();

    void junk(String reason) {
        junk.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    public long received() {
        return received.sum();
    }

    public long stored() {
        return stored.sum();
    }

    public long duplicates() {
        return duplicates.sum();
    }

    public long conflicts() {
        return conflicts.sum();
    }

    public long batches() {
        return batches.sum();
    }

    public long storeMillis() {
        return storeNanos.sum() / 1_000_000;
    }

    public long failedCommits() {
        return failedCommits.sum();
    }

    public Map<String, Long> junk() {
        Map<String, Long> out = new TreeMap<>();
        junk.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    public long junkTotal() {
        return junk.values().stream().mapToLong(LongAdder::sum).sum();
    }
}

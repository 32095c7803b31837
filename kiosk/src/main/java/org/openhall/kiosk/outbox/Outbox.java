package org.openhall.kiosk.outbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.openhall.kiosk.events.Event;
import org.openhall.kiosk.events.EventCodec;
import org.openhall.kiosk.events.EventType;
import org.openhall.kiosk.events.Priority;
import org.openhall.kiosk.json.Json;
import org.openhall.kiosk.storage.Database;
import org.openhall.kiosk.storage.EventJournal;
import org.openhall.kiosk.storage.Migration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable outbox: the {@link EventJournal} of the database, so that each event appended in a domain
 * transaction ({@link Database#transaction}) gets the next gapless {@code seq} and a UUID in that same
 * commit. Capacity counts unsent rows only: when full the oldest telemetry is dropped (and counted); when
 * nothing can be dropped, tickets and ratings are refused with {@link OutboxFullException}. Alerts and
 * command results may use a small reserve above the cap so the operator still hears about it.
 */
public final class Outbox implements EventJournal {
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    static final Migration SCHEMA = new Migration("outbox", List.of("""
            CREATE TABLE outbox (
              seq INTEGER PRIMARY KEY,
              id TEXT NOT NULL,
              type TEXT NOT NULL,
              priority INTEGER NOT NULL,
              created_ms INTEGER NOT NULL,
              payload BLOB NOT NULL);
            CREATE INDEX outbox_by_priority ON outbox(priority, seq);
            CREATE TABLE outbox_counter (name TEXT PRIMARY KEY, value INTEGER NOT NULL)
            """, """
            CREATE TABLE outbox_keyed (
              k INTEGER PRIMARY KEY,
              seq INTEGER NOT NULL,
              id TEXT NOT NULL,
              type TEXT NOT NULL,
              priority INTEGER NOT NULL,
              created_ms INTEGER NOT NULL,
              payload BLOB NOT NULL);
            INSERT INTO outbox_keyed SELECT (priority << 40) | seq, seq, id, type, priority, created_ms, payload FROM outbox;
            DROP TABLE outbox;
            ALTER TABLE outbox_keyed RENAME TO outbox
            """));
    /**
     * The row key is {@code priority << 40 | seq}: the table itself is in delivery order, so no index on
     * (priority, seq) has to be written with every event (version 2 dropped it: one page less per commit on
     * the card). 2^40 seqs are 35,000 years at 1,000 events a second.
     */
    private static final int PRIORITY_SHIFT = 40;
    private static final String NEXT_SEQ = "next_seq";
    private static final String DROPPED_CAPACITY = "dropped_capacity";
    private static final String DROPPED_EXPIRED = "dropped_expired";

    private final Database db;
    private final SeqFloor floor;
    private final EventCodec codec;
    private final Json json;
    private final Clock clock;
    private final ZoneId zone;
    private final long maxEvents;
    private final long alertReserve;
    private final List<Consumer<Priority>> commitListeners = new CopyOnWriteArrayList<>();
    private final AtomicLong refused = new AtomicLong();
    /** Rows the broker acknowledged that the relay has not deleted yet (it deletes in batches): sent, not unsent. */
    private final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();

    private volatile long nextSeq;
    private long reservedBelow;
    private volatile long depth;
    private volatile boolean fullAlertRaised;
    private long atStartSeq;
    private long atStartDepth;
    private PreparedStatement insert;
    private Connection insertFor;
    /** Highest priority (lowest ordinal) appended in the open transaction, or null. */
    private Priority appendedPriority;

    public Outbox(Database db, java.nio.file.Path floorFile, EventCodec codec, Json json, Clock clock,
            ZoneId zone, long maxEvents) {
        this.db = db;
        this.floor = new SeqFloor(floorFile);
        this.codec = codec;
        this.json = json;
        this.clock = clock;
        this.zone = zone;
        this.maxEvents = maxEvents;
        this.alertReserve = Math.max(100, maxEvents / 100);
    }

    /** Creates the schema and loads the counters; raises an alert if the database had to be replaced. */
    public void start() {
        db.journal(this);
        db.migrate(SCHEMA);
        db.inTransaction(c -> {
            // next_seq is written only where rows are deleted; rows still present speak for themselves
            long highest = maxSeq(c);
            long stored = Math.max(counter(c, NEXT_SEQ, 0), highest > 0 ? highest + 1 : 0);
            long floorValue = floor.read();
            // a database without a counter is new or replaced: only then does the floor decide
            nextSeq = stored > 0 ? stored : Math.max(floorValue, 1);
            reservedBelow = Math.max(floorValue, nextSeq);
            depth = count(c);
            return null;
        });
        long salvaged = db.quarantined().isPresent() ? salvage() : 0;
        log.info("outbox open: {} unsent events, next seq {}", depth, nextSeq);
        db.quarantined().ifPresent(aside -> db.transaction(tx -> {
            ObjectNode data = json.createObjectNode();
            data.put("kind", "database_corrupt");
            data.put("message", "local database was corrupt and replaced; the old file is kept at " + aside
                    + "; " + salvaged + " unsent events recovered from it; seq resumes at " + nextSeq);
            data.put("seqResumesAt", nextSeq);
            data.put("salvaged", salvaged);
            tx.append(EventType.ALERT, data);
            return null;
        }));
    }

    /**
     * Queues again, with their own id and seq, the unsent events still readable in the file moved aside;
     * new seqs continue above both them and the floor.
     */
    private long salvage() {
        return db.salvage().map(old -> db.inTransaction(c -> {
            long[] highest = {0};
            long[] count = {0};
            try (PreparedStatement ps = c.prepareStatement("INSERT OR IGNORE INTO outbox(k, seq, id, type, priority, "
                    + "created_ms, payload) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                // by column, not rowid: the rowid is the seq in a version 1 file and the key in a later one
                old.rows("outbox", "seq, id, type, priority, created_ms, payload", rs -> {
                    ps.setLong(1, key(rs.getInt(5), rs.getLong(2)));
                    ps.setLong(2, rs.getLong(2));
                    ps.setString(3, rs.getString(3));
                    ps.setString(4, rs.getString(4));
                    ps.setInt(5, rs.getInt(5));
                    ps.setLong(6, rs.getLong(6));
                    ps.setBytes(7, rs.getBytes(7));
                    count[0] += ps.executeUpdate();
                    highest[0] = Math.max(highest[0], rs.getLong(2));
                });
            }
            depth += count[0];
            if (highest[0] >= nextSeq) {
                nextSeq = highest[0] + 1;
            }
            return count[0];
        })).orElse(0L);
    }

    /**
     * Called after every commit that appended events, with the highest priority class appended (the relay
     * uses it to wake up, and to look back when something more urgent than its cursor arrived).
     */
    public void onCommitOfPriority(Consumer<Priority> listener) {
        commitListeners.add(listener);
    }

    /** Called after every commit that appended events. */
    public void onCommit(Runnable listener) {
        commitListeners.add(priority -> listener.run());
    }

    @Override
    public void begin() {
        atStartSeq = nextSeq;
        atStartDepth = depth;
        appendedPriority = null;
    }

    @Override
    public Event append(Connection c, EventType type, ObjectNode data) throws SQLException {
        return appendIn(c, type, data);
    }

    @Override
    public void rolledBack() {
        // restored under the database lock: restored after releasing it, another transaction could take the
        // rolled-back seqs' successors and leave a gap
        nextSeq = atStartSeq;
        depth = atStartDepth;
        appendedPriority = null;
    }

    @Override
    public Runnable committing() {
        Priority appended = appendedPriority;
        if (appended == null) {
            return () -> {};
        }
        return () -> {
            for (Consumer<Priority> listener : commitListeners) {
                runQuietly(() -> listener.accept(appended));
            }
        };
    }

    /**
     * On {@link OutboxFullException} everything was rolled back; now, in a transaction of its own, the
     * {@code outbox_full} alert is recorded (once per episode): an alert inside the refused transaction would
     * have been rolled back with it.
     */
    @Override
    public void failed(RuntimeException cause) {
        if (cause instanceof OutboxFullException full) {
            refused.incrementAndGet();
            raiseFullAlert(full.depth());
        }
    }

    private void raiseFullAlert(long depthNow) {
        if (fullAlertRaised) {
            return;
        }
        fullAlertRaised = true;
        log.error("outbox full at {} events: refusing new tickets and ratings until the centre is reachable", depthNow);
        ObjectNode data = json.createObjectNode();
        data.put("kind", "outbox_full");
        data.put("message", "outbox holds " + depthNow + " unsent events (max " + maxEvents
                + "); new tickets and ratings are refused until the centre is reachable");
        try {
            db.transaction(tx -> tx.append(EventType.ALERT, data));
        } catch (RuntimeException e) {
            log.warn("outbox_full alert not recorded: {}", e.toString());
        }
    }

    private static void runQuietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            log.warn("commit listener failed: {}", e.toString());
        }
    }

    private Event appendIn(Connection c, EventType type, ObjectNode data) throws SQLException {
        makeRoom(c, type.priority());
        long seq = nextSeq;
        if (seq >= reservedBelow) {
            reservedBelow = seq + SeqFloor.BLOCK;
            floor.write(reservedBelow);
        }
        Event event = new Event(UUID.randomUUID().toString(), seq, type,
                OffsetDateTime.ofInstant(clock.instant(), zone), data);
        PreparedStatement ps = insertStatement(c);
        ps.setLong(1, key(type.priority().ordinal(), seq));
        ps.setLong(2, seq);
        ps.setString(3, event.id());
        ps.setString(4, type.wireName());
        ps.setInt(5, type.priority().ordinal());
        ps.setLong(6, clock.millis());
        ps.setBytes(7, codec.encode(event));
        ps.executeUpdate();
        nextSeq = seq + 1;
        depth++;
        if (appendedPriority == null || type.priority().ordinal() < appendedPriority.ordinal()) {
            appendedPriority = type.priority();
        }
        return event;
    }

    /** The hot path's one statement, compiled once per connection rather than once per event. */
    private PreparedStatement insertStatement(Connection c) throws SQLException {
        if (insertFor != c || insert == null || insert.isClosed()) {
            insert = c.prepareStatement(
                    "INSERT INTO outbox(k, seq, id, type, priority, created_ms, payload) VALUES (?, ?, ?, ?, ?, ?, ?)");
            insertFor = c;
        }
        return insert;
    }

    private void makeRoom(Connection c, Priority priority) throws SQLException {
        long unsent = depth();
        if (unsent < maxEvents) {
            if (fullAlertRaised && unsent < maxEvents * 9 / 10) {
                fullAlertRaised = false;
            }
            return;
        }
        if (dropOldestTelemetry(c)) {
            return;
        }
        if (priority == Priority.ALERT && unsent < maxEvents + alertReserve) {
            return;
        }
        throw new OutboxFullException(unsent);
    }

    private boolean dropOldestTelemetry(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM outbox WHERE k = (SELECT k FROM outbox WHERE k >= ? AND k < ? ORDER BY k LIMIT 1)")) {
            bindClass(ps, 1, Priority.TELEMETRY.ordinal());
            if (ps.executeUpdate() == 0) {
                return false;
            }
        }
        depth--;
        addCounter(c, DROPPED_CAPACITY, 1);
        return true;
    }

    /** Drops unsent telemetry older than {@code ttlMillis}; returns how many. */
    public int expireTelemetry(long ttlMillis) {
        return db.inTransaction(c -> {
            int n;
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM outbox WHERE k >= ? AND k < ? AND created_ms < ?")) {
                bindClass(ps, 1, Priority.TELEMETRY.ordinal());
                ps.setLong(3, clock.millis() - ttlMillis);
                n = ps.executeUpdate();
            }
            if (n > 0) {
                setCounter(c, NEXT_SEQ, nextSeq);
                addCounter(c, DROPPED_EXPIRED, n);
                depth -= n;
                log.info("expired {} unsent telemetry events", n);
            }
            return n;
        });
    }

    /** Unsent events after the cursor (priority, seq), in delivery order. */
    public List<PendingEvent> page(int afterPriority, long afterSeq, int limit) {
        return db.inTransaction(c -> {
            List<PendingEvent> out = new ArrayList<>(limit);
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT seq, priority, type, payload FROM outbox WHERE k > ? ORDER BY k LIMIT ?")) {
                // a cursor past every seq of its priority (Long.MAX_VALUE) is the end of that priority's key range
                ps.setLong(1, afterPriority < 0 ? -1 : key(afterPriority, Math.min(afterSeq, key(1, 0) - 1)));
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new PendingEvent(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getBytes(4)));
                    }
                }
            }
            return out;
        });
    }

    /** The broker has this event: it no longer counts as unsent, though its row waits for {@link #delete}. */
    public void acknowledged(long seq) {
        acknowledged.add(seq);
    }

    /** Removes acknowledged events in one transaction; unknown seqs are ignored (a late duplicate ack). */
    public void delete(Collection<Long> seqs) {
        if (seqs.isEmpty()) {
            return;
        }
        db.inTransaction(c -> {
            int removed = 0;
            // a seq's row is under one of the priorities' keys: a lookup of each, no scan
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM outbox WHERE k IN ("
                    + String.join(", ", java.util.Collections.nCopies(Priority.values().length, "?")) + ")")) {
                for (long seq : seqs) {
                    for (Priority p : Priority.values()) {
                        ps.setLong(p.ordinal() + 1, key(p.ordinal(), seq));
                    }
                    removed += ps.executeUpdate();
                }
            }
            // rows about to vanish may hold the highest seq: record the counter in the same commit
            setCounter(c, NEXT_SEQ, nextSeq);
            depth -= removed;
            return null;
        });
        acknowledged.removeAll(seqs);
    }

    public OutboxStats stats() {
        return db.inTransaction(c -> {
            long oldestMs = oldestUnsentMs(c);
            return new OutboxStats(depth(), Math.max(0, (clock.millis() - oldestMs) / 1000),
                    counter(c, DROPPED_CAPACITY, 0), counter(c, DROPPED_EXPIRED, 0), refused.get());
        });
    }

    /**
     * The lowest unsent seq is the oldest row (seq grows with time): per priority the first rows of its key
     * range, where MIN(created_ms) would read the whole table, hundreds of MB of SD card after a long outage.
     * Rows already acknowledged (waiting for their batched delete) are skipped: they are not unsent.
     */
    private long oldestUnsentMs(Connection c) throws SQLException {
        long oldestSeq = Long.MAX_VALUE;
        long oldestMs = clock.millis();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT seq, created_ms FROM outbox WHERE k >= ? AND k < ? ORDER BY k LIMIT ?")) {
            for (Priority p : Priority.values()) {
                bindClass(ps, 1, p.ordinal());
                ps.setInt(3, acknowledged.size() + 1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (!acknowledged.contains(rs.getLong(1))) {
                            if (rs.getLong(1) < oldestSeq) {
                                oldestSeq = rs.getLong(1);
                                oldestMs = rs.getLong(2);
                            }
                            break;
                        }
                    }
                }
            }
        }
        return oldestMs;
    }

    /** The row key of an event: its priority's range, then its seq. */
    static long key(int priority, long seq) {
        return ((long) priority << PRIORITY_SHIFT) | seq;
    }

    /** Binds the key range {@code [from, to)} of one priority at {@code index} and {@code index + 1}. */
    private static void bindClass(PreparedStatement ps, int index, int priority) throws SQLException {
        ps.setLong(index, key(priority, 0));
        ps.setLong(index + 1, key(priority + 1, 0));
    }

    /** Unsent events: stored rows the broker has not acknowledged. */
    public long depth() {
        return Math.max(0, depth - acknowledged.size());
    }

    /** The database this outbox is the journal of (tests append through it). */
    Database database() {
        return db;
    }

    /** Records the exact floor on a clean stop so a later replaced database resumes without a gap. */
    public void stop() {
        db.inTransaction(c -> {
            floor.write(nextSeq);
            reservedBelow = nextSeq;
            return null;
        });
    }

    /** The highest seq stored: the last key of each priority's range, one lookup each. */
    private static long maxSeq(Connection c) throws SQLException {
        long highest = 0;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT seq FROM outbox WHERE k >= ? AND k < ? ORDER BY k DESC LIMIT 1")) {
            for (Priority p : Priority.values()) {
                bindClass(ps, 1, p.ordinal());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        highest = Math.max(highest, rs.getLong(1));
                    }
                }
            }
        }
        return highest;
    }

    private static long count(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM outbox")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long counter(Connection c, String name, long fallback) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT value FROM outbox_counter WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : fallback;
            }
        }
    }

    private static void setCounter(Connection c, String name, long value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO outbox_counter(name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value")) {
            ps.setString(1, name);
            ps.setLong(2, value);
            ps.executeUpdate();
        }
    }

    private static void addCounter(Connection c, String name, long delta) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO outbox_counter(name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = value + excluded.value")) {
            ps.setString(1, name);
            ps.setLong(2, delta);
            ps.executeUpdate();
        }
    }
}

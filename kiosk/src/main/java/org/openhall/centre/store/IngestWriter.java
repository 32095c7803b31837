package org.openhall.centre.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One ingest transaction: registers unknown kiosks, locks the batch's kiosk rows (in key order, so two
 * centre instances never deadlock), inserts the events idempotently, keeps conflicts aside, updates the
 * received ranges and the kiosk rows, and runs the projections.
 */
final class IngestWriter {
    private static final int CHUNK = 400;
    private final Connection c;
    private final Dialect dialect;
    private final FleetFacts facts;
    private final Set<KioskId> known;
    /** The seq_range rows of the batch's kiosks as read under their lock, before this transaction changed them. */
    private Map<KioskId, List<SeqRange>> stored = Map.of();

    /**
     * {@code known}: kiosks whose rows a committed transaction has seen (kiosk rows are never deleted), which need
     * no registering; the caller adds a batch's kiosks after its commit.
     */
    IngestWriter(Connection c, Dialect dialect, FleetFacts facts, Set<KioskId> known) {
        this.c = c;
        this.dialect = dialect;
        this.facts = facts;
        this.known = known;
    }

    IngestOutcome write(IngestBatch batch, List<Projection> projections) throws SQLException {
        TreeSet<KioskId> ids = new TreeSet<>();
        batch.events().forEach(e -> ids.add(e.kioskId()));
        batch.presence().forEach(p -> ids.add(p.kiosk()));
        TreeSet<KioskId> unknown = new TreeSet<>(ids);
        unknown.removeAll(known);
        // registering is an INSERT per kiosk, and all but a new kiosk's are no-ops; known kiosks skip it
        Set<KioskId> fresh = register(unknown, batch.receivedMs());
        Map<KioskId, KioskRow> rows = lock(ids);
        if (rows.size() < ids.size()) { // a known kiosk's row is gone (removed by hand): register it after all
            TreeSet<KioskId> missing = new TreeSet<>(ids);
            missing.removeAll(rows.keySet());
            known.removeAll(missing);
            fresh.addAll(register(missing, batch.receivedMs()));
            rows.putAll(lock(missing));
        }
        List<Envelope> candidates = new ArrayList<>();
        List<Envelope> conflicts = new ArrayList<>();
        int duplicates = dedupeWithinBatch(batch.events(), candidates, conflicts, rows);
        Map<KioskId, SeqRanges> received = received(candidates);
        List<Envelope> stored = new ArrayList<>();
        List<Envelope> clashing = new ArrayList<>();
        for (Envelope e : candidates) {
            (received.get(e.kioskId()).contains(e.seq()) ? clashing : stored).add(e);
        }
        insert(stored, batch.receivedMs());
        duplicates += sortOutClashes(clashing, conflicts, rows);
        keepAside(conflicts, batch.receivedMs());
        Map<KioskId, List<Envelope>> storedByKiosk = new TreeMap<>();
        for (Envelope e : stored) {
            storedByKiosk.computeIfAbsent(e.kioskId(), k -> new ArrayList<>()).add(e);
        }
        for (Presence p : batch.presence()) {
            applyPresence(rows.get(p.kiosk()), p, batch.receivedMs());
        }
        updateRanges(storedByKiosk, received, rows, batch.receivedMs());
        updateRows(rows.values());
        Transaction tx = new Transaction(c, dialect);
        for (Projection projection : projections) {
            projection.project(stored, tx);
        }
        return new IngestOutcome(stored, duplicates, conflicts, fresh);
    }

    private Set<KioskId> register(Set<KioskId> ids, long nowMs) throws SQLException {
        Set<KioskId> fresh = new HashSet<>();
        if (ids.isEmpty()) {
            return fresh;
        }
        List<KioskId> ordered = new ArrayList<>(ids);
        // INSERT ... SELECT, not VALUES: PostgreSQL's driver rewrites batched VALUES inserts and then gives no
        // update counts, and these tell the kiosks registered now. "WHERE true": SQLite's documented way to
        // parse ON CONFLICT after a SELECT.
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO kiosk (site, kiosk, first_seen_ms) SELECT ?, ?, ?"
                + " WHERE true ON CONFLICT (site, kiosk) DO NOTHING")) {
            for (KioskId id : ordered) {
                ps.setString(1, id.site());
                ps.setString(2, id.kiosk());
                ps.setLong(3, nowMs);
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] > 0) {
                    fresh.add(ordered.get(i));
                }
            }
        }
        return fresh;
    }

    private Map<KioskId, KioskRow> lock(Set<KioskId> ids) throws SQLException {
        Map<KioskId, KioskRow> rows = new HashMap<>();
        List<KioskId> ordered = new ArrayList<>(ids);
        for (int from = 0; from < ordered.size(); from += CHUNK) {
            List<KioskId> chunk = ordered.subList(from, Math.min(ordered.size(), from + CHUNK));
            String sql = "SELECT " + KioskRow.COLUMNS + " FROM kiosk WHERE " + keyList(chunk)
                    + " ORDER BY site, kiosk" + dialect.forUpdate();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bindKeys(ps, chunk, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        KioskRow row = KioskRow.read(rs);
                        rows.put(row.id, row);
                    }
                }
            }
        }
        return rows;
    }

    /** The same seq twice in one batch: the first is a candidate, a repeat is a duplicate or a conflict. */
    private static int dedupeWithinBatch(List<Envelope> events, List<Envelope> candidates, List<Envelope> conflicts,
            Map<KioskId, KioskRow> rows) {
        Map<SeqKey, Envelope> seen = new HashMap<>();
        int duplicates = 0;
        for (Envelope e : events) {
            Envelope first = seen.putIfAbsent(new SeqKey(e.site(), e.kiosk(), e.seq()), e);
            if (first == null) {
                candidates.add(e);
            } else if (first.id().equals(e.id())) {
                duplicates++;
                rows.get(e.kioskId()).duplicates++;
            } else {
                conflicts.add(e);
                rows.get(e.kioskId()).conflicts++;
            }
        }
        return duplicates;
    }

    /**
     * The received seqs of the candidates' kiosks, read under the kiosk rows' lock: they are exactly the stored
     * seqs (both change in the same transactions), so they tell a new event from a redelivery before any
     * insert, and the insert needs no per-row update counts (which a rewritten PostgreSQL batch does not give).
     */
    private Map<KioskId, SeqRanges> received(List<Envelope> candidates) throws SQLException {
        TreeSet<KioskId> ids = new TreeSet<>();
        candidates.forEach(e -> ids.add(e.kioskId()));
        Map<KioskId, List<SeqRange>> read = readRanges(new ArrayList<>(ids));
        stored = read;
        Map<KioskId, SeqRanges> out = new HashMap<>();
        for (KioskId id : ids) {
            out.put(id, new SeqRanges(read.getOrDefault(id, List.of())));
        }
        return out;
    }

    /** Inserts events whose seqs were not stored; a seq stored meanwhile would fail the batch, never pass silently. */
    private void insert(List<Envelope> fresh, long nowMs) throws SQLException {
        if (fresh.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO event (site, kiosk, seq, id, type, time, time_ms, received_ms,"
                + " envelope) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Envelope e : fresh) {
                ps.setString(1, e.site());
                ps.setString(2, e.kiosk());
                ps.setLong(3, e.seq());
                ps.setString(4, e.id());
                ps.setString(5, e.type());
                ps.setString(6, e.time());
                ps.setLong(7, e.timeMs());
                ps.setLong(8, nowMs);
                ps.setString(9, e.json());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * A candidate whose seq was already stored is a duplicate (same id) or a conflict (another id). The stored
     * ids are read in chunks, not one SELECT per clash: after a reconnect the broker redelivers a whole
     * in-flight window at once.
     */
    private int sortOutClashes(List<Envelope> clashing, List<Envelope> conflicts, Map<KioskId, KioskRow> rows)
            throws SQLException {
        int duplicates = 0;
        if (clashing.isEmpty()) {
            return 0;
        }
        Map<SeqKey, String> storedIds = new HashMap<>();
        for (int from = 0; from < clashing.size(); from += CHUNK) {
            List<Envelope> chunk = clashing.subList(from, Math.min(clashing.size(), from + CHUNK));
            StringBuilder sql = new StringBuilder("SELECT site, kiosk, seq, id FROM event WHERE ");
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "" : " OR ").append("(site = ? AND kiosk = ? AND seq = ?)");
            }
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int i = 1;
                for (Envelope e : chunk) {
                    ps.setString(i++, e.site());
                    ps.setString(i++, e.kiosk());
                    ps.setLong(i++, e.seq());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        storedIds.put(new SeqKey(rs.getString(1), rs.getString(2), rs.getLong(3)), rs.getString(4));
                    }
                }
            }
        }
        for (Envelope e : clashing) {
            if (e.id().equals(storedIds.get(new SeqKey(e.site(), e.kiosk(), e.seq())))) {
                duplicates++;
                rows.get(e.kioskId()).duplicates++;
            } else {
                conflicts.add(e);
                rows.get(e.kioskId()).conflicts++;
            }
        }
        return duplicates;
    }

    /** One event's identity in the store. */
    private record SeqKey(String site, String kiosk, long seq) {
    }

    private void keepAside(List<Envelope> conflicts, long nowMs) throws SQLException {
        if (conflicts.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO event_conflict (site, kiosk, seq, id, received_ms, envelope) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (Envelope e : conflicts) {
                ps.setString(1, e.site());
                ps.setString(2, e.kiosk());
                ps.setLong(3, e.seq());
                ps.setString(4, e.id());
                ps.setLong(5, nowMs);
                ps.setString(6, e.json());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Presence is ordered by the kiosk's own time, with one exception: a last will carries the time its
     * connection was opened, so an "offline" older than the current "online" but newer than the online
     * before it is that connection's will and is taken; an older one belongs to an earlier connection.
     */
    private static void applyPresence(KioskRow row, Presence p, long nowMs) {
        boolean newest = row.presenceTimeMs == null || p.timeMs() >= row.presenceTimeMs;
        if ("online".equals(p.state())) {
            if (row.lastOnlineMs == null || p.timeMs() > row.lastOnlineMs) {
                row.prevOnlineMs = row.lastOnlineMs;
                row.lastOnlineMs = p.timeMs();
            }
            if (!newest) {
                return;
            }
        } else if (!newest) {
            boolean willOfCurrentConnection = "online".equals(row.presence)
                    && (row.prevOnlineMs == null || p.timeMs() > row.prevOnlineMs);
            if (!willOfCurrentConnection) {
                return;
            }
        }
        if (!p.state().equals(row.presence) || row.presenceSinceMs == null) {
            row.presenceSinceMs = Math.max(p.timeMs(), row.presenceTimeMs == null ? p.timeMs() : row.presenceTimeMs);
            row.presenceChangedMs = nowMs;
        }
        row.presence = p.state();
        row.presenceTimeMs = Math.max(p.timeMs(), row.presenceTimeMs == null ? p.timeMs() : row.presenceTimeMs);
        if (p.version() != null) {
            row.version = p.version();
        }
    }

    private void updateRanges(Map<KioskId, List<Envelope>> storedByKiosk, Map<KioskId, SeqRanges> received,
            Map<KioskId, KioskRow> rows, long nowMs) throws SQLException {
        if (storedByKiosk.isEmpty()) {
            return;
        }
        boolean deletes = false;
        boolean updates = false;
        boolean inserts = false;
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM seq_range WHERE site = ? AND kiosk = ? AND lo = ?");
                PreparedStatement update = c.prepareStatement("UPDATE seq_range SET hi = ? WHERE site = ? AND kiosk = ? AND lo = ?");
                PreparedStatement insert = c.prepareStatement("INSERT INTO seq_range (site, kiosk, lo, hi) VALUES (?, ?, ?, ?)")) {
            for (var entry : storedByKiosk.entrySet()) {
                KioskId id = entry.getKey();
                KioskRow row = rows.get(id);
                SeqRanges ranges = received.get(id);
                Map<Long, Long> before = new HashMap<>(); // lo -> hi of the rows as stored
                for (SeqRange r : stored.getOrDefault(id, List.of())) {
                    before.put(r.from(), r.to());
                }
                for (Envelope e : entry.getValue()) {
                    ranges.add(e.seq());
                    facts.apply(row, e);
                    row.lastEventMs = row.lastEventMs == null ? e.timeMs() : Math.max(row.lastEventMs, e.timeMs());
                }
                row.lastReceivedMs = nowMs;
                row.received = ranges.count();
                row.lastSeq = ranges.last();
                long missing = SeqRanges.total(SeqRanges.atOrAbove(ranges.holes(), row.lostBelow));
                if (missing == 0) {
                    row.gapSinceMs = null;
                } else if (row.missing == 0 || row.gapSinceMs == null) {
                    row.gapSinceMs = nowMs;
                }
                row.missing = missing;
                // the ranges as they are now against as stored: usually the last range grew, one UPDATE
                for (SeqRange r : ranges.ranges()) {
                    Long hi = before.remove(r.from());
                    if (hi == null) {
                        insert.setString(1, id.site());
                        insert.setString(2, id.kiosk());
                        insert.setLong(3, r.from());
                        insert.setLong(4, r.to());
                        insert.addBatch();
                        inserts = true;
                    } else if (hi != r.to()) {
                        update.setLong(1, r.to());
                        update.setString(2, id.site());
                        update.setString(3, id.kiosk());
                        update.setLong(4, r.from());
                        update.addBatch();
                        updates = true;
                    }
                }
                for (Long lo : before.keySet()) { // merged into a range that starts lower
                    delete.setString(1, id.site());
                    delete.setString(2, id.kiosk());
                    delete.setLong(3, lo);
                    delete.addBatch();
                    deletes = true;
                }
            }
            // deletes first: a range that now starts where a removed one started is an update, never a clash
            if (deletes) {
                delete.executeBatch();
            }
            if (updates) {
                update.executeBatch();
            }
            if (inserts) {
                insert.executeBatch();
            }
        }
    }

    Map<KioskId, List<SeqRange>> readRanges(List<KioskId> ids) throws SQLException {
        Map<KioskId, List<SeqRange>> out = new HashMap<>();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<KioskId> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT site, kiosk, lo, hi FROM seq_range WHERE " + keyList(chunk) + " ORDER BY site, kiosk, lo")) {
                bindKeys(ps, chunk, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.computeIfAbsent(new KioskId(rs.getString(1), rs.getString(2)), k -> new ArrayList<>())
                                .add(new SeqRange(rs.getLong(3), rs.getLong(4)));
                    }
                }
            }
        }
        return out;
    }

    private void updateRows(Iterable<KioskRow> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(KioskRow.UPDATE)) {
            for (KioskRow row : rows) {
                row.bindUpdate(ps);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * {@code ((site = ? AND kiosk IN (?, …)) OR …)}, one term per site of {@code ids} (sorted, so each site's
     * kiosks are together): both databases plan it as primary key lookups, and a batch's usual single site
     * makes it one term, not one per kiosk (SQLite parsed and planned forty OR terms twice a transaction).
     */
    static String keyList(List<KioskId> ids) {
        StringBuilder sql = new StringBuilder("(");
        String site = null;
        for (KioskId id : ids) {
            if (!id.site().equals(site)) {
                sql.append(site == null ? "" : ")) OR ").append("(site = ? AND kiosk IN (?");
                site = id.site();
            } else {
                sql.append(", ?");
            }
        }
        return sql.append(site == null ? "1 = 0)" : ")))").toString();
    }

    /** Binds {@link #keyList}'s parameters for the same {@code ids}. */
    static int bindKeys(PreparedStatement ps, List<KioskId> ids, int start) throws SQLException {
        int i = start;
        String site = null;
        for (KioskId id : ids) {
            if (!id.site().equals(site)) {
                ps.setString(i++, id.site());
                site = id.site();
            }
            ps.setString(i++, id.kiosk());
        }
        return i;
    }
}

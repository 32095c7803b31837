package org.openhall.centre.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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

    IngestWriter(Connection c, Dialect dialect, FleetFacts facts) {
        this.c = c;
        this.dialect = dialect;
        this.facts = facts;
    }

    IngestOutcome write(IngestBatch batch, List<Projection> projections) throws SQLException {
        TreeSet<KioskId> ids = new TreeSet<>();
        batch.events().forEach(e -> ids.add(e.kioskId()));
        batch.presence().forEach(p -> ids.add(p.kiosk()));
        Set<KioskId> fresh = register(ids, batch.receivedMs());
        Map<KioskId, KioskRow> rows = lock(ids);
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
            String sql = "SELECT " + KioskRow.COLUMNS + " FROM kiosk WHERE " + keyList(chunk.size())
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
        Map<String, Envelope> seen = new LinkedHashMap<>();
        int duplicates = 0;
        for (Envelope e : events) {
            String key = seqKey(e.site(), e.kiosk(), e.seq());
            Envelope first = seen.putIfAbsent(key, e);
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
        Map<String, String> storedIds = new HashMap<>();
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
                        storedIds.put(seqKey(rs.getString(1), rs.getString(2), rs.getLong(3)), rs.getString(4));
                    }
                }
            }
        }
        for (Envelope e : clashing) {
            if (e.id().equals(storedIds.get(seqKey(e.site(), e.kiosk(), e.seq())))) {
                duplicates++;
                rows.get(e.kioskId()).duplicates++;
            } else {
                conflicts.add(e);
                rows.get(e.kioskId()).conflicts++;
            }
        }
        return duplicates;
    }

    private static String seqKey(String site, String kiosk, long seq) {
        return site + '\u0000' + kiosk + '\u0000' + seq;
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
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM seq_range WHERE site = ? AND kiosk = ?");
                PreparedStatement insert = c.prepareStatement("INSERT INTO seq_range (site, kiosk, lo, hi) VALUES (?, ?, ?, ?)")) {
            for (var entry : storedByKiosk.entrySet()) {
                KioskId id = entry.getKey();
                KioskRow row = rows.get(id);
                SeqRanges ranges = received.get(id);
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
                delete.setString(1, id.site());
                delete.setString(2, id.kiosk());
                delete.addBatch();
                for (SeqRange r : ranges.ranges()) {
                    insert.setString(1, id.site());
                    insert.setString(2, id.kiosk());
                    insert.setLong(3, r.from());
                    insert.setLong(4, r.to());
                    insert.addBatch();
                }
            }
            delete.executeBatch();
            insert.executeBatch();
        }
    }

    Map<KioskId, List<SeqRange>> readRanges(List<KioskId> ids) throws SQLException {
        Map<KioskId, List<SeqRange>> out = new HashMap<>();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<KioskId> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT site, kiosk, lo, hi FROM seq_range WHERE " + keyList(chunk.size()) + " ORDER BY site, kiosk, lo")) {
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

    /** {@code (site = ? AND kiosk = ?) OR …}: both databases plan it as primary key lookups. */
    static String keyList(int n) {
        StringBuilder sql = new StringBuilder("(");
        for (int i = 0; i < n; i++) {
            sql.append(i == 0 ? "" : " OR ").append("(site = ? AND kiosk = ?)");
        }
        return sql.append(')').toString();
    }

    static int bindKeys(PreparedStatement ps, List<KioskId> ids, int start) throws SQLException {
        int i = start;
        for (KioskId id : ids) {
            ps.setString(i++, id.site());
            ps.setString(i++, id.kiosk());
        }
        return i;
    }
}

package org.openhall.centre.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** A kiosk's row while an ingest transaction changes it (mutable, confined to that transaction). */
final class KioskRow {
    static final String COLUMNS = "site, kiosk, first_seen_ms, presence, presence_time_ms, presence_since_ms, version, last_seq,"
            + " last_event_ms, last_received_ms, printer, printer_time_ms, outbox_depth, tickets_today, ratings_today,"
            + " telemetry_time_ms, received, duplicates, conflicts, missing, gap_since_ms, lost_below, last_online_ms,"
            + " prev_online_ms, presence_changed_ms";
    static final String UPDATE = "UPDATE kiosk SET presence=?, presence_time_ms=?, presence_since_ms=?, version=?, last_seq=?,"
            + " last_event_ms=?, last_received_ms=?, printer=?, printer_time_ms=?, outbox_depth=?, tickets_today=?,"
            + " ratings_today=?, telemetry_time_ms=?, received=?, duplicates=?, conflicts=?, missing=?, gap_since_ms=?,"
            + " lost_below=?, last_online_ms=?, prev_online_ms=?, presence_changed_ms=? WHERE site=? AND kiosk=?";

    final KioskId id;
    long firstSeenMs;
    String presence;
    Long presenceTimeMs;
    Long presenceSinceMs;
    String version;
    long lastSeq;
    Long lastEventMs;
    Long lastReceivedMs;
    String printer;
    Long printerTimeMs;
    Long outboxDepth;
    Integer ticketsToday;
    Integer ratingsToday;
    Long telemetryTimeMs;
    long received;
    long duplicates;
    long conflicts;
    long missing;
    Long gapSinceMs;
    long lostBelow;
    Long lastOnlineMs;
    Long prevOnlineMs;
    Long presenceChangedMs;

    KioskRow(KioskId id) {
        this.id = id;
    }

    static KioskRow read(ResultSet rs) throws SQLException {
        KioskRow r = new KioskRow(new KioskId(rs.getString(1), rs.getString(2)));
        r.firstSeenMs = rs.getLong(3);
        r.presence = rs.getString(4);
        r.presenceTimeMs = longOrNull(rs, 5);
        r.presenceSinceMs = longOrNull(rs, 6);
        r.version = rs.getString(7);
        r.lastSeq = rs.getLong(8);
        r.lastEventMs = longOrNull(rs, 9);
        r.lastReceivedMs = longOrNull(rs, 10);
        r.printer = rs.getString(11);
        r.printerTimeMs = longOrNull(rs, 12);
        r.outboxDepth = longOrNull(rs, 13);
        Long tickets = longOrNull(rs, 14);
        r.ticketsToday = tickets == null ? null : tickets.intValue();
        Long ratings = longOrNull(rs, 15);
        r.ratingsToday = ratings == null ? null : ratings.intValue();
        r.telemetryTimeMs = longOrNull(rs, 16);
        r.received = rs.getLong(17);
        r.duplicates = rs.getLong(18);
        r.conflicts = rs.getLong(19);
        r.missing = rs.getLong(20);
        r.gapSinceMs = longOrNull(rs, 21);
        r.lostBelow = rs.getLong(22);
        r.lastOnlineMs = longOrNull(rs, 23);
        r.prevOnlineMs = longOrNull(rs, 24);
        r.presenceChangedMs = longOrNull(rs, 25);
        return r;
    }

    void bindUpdate(PreparedStatement ps) throws SQLException {
        int i = 1;
        ps.setString(i++, presence);
        setLong(ps, i++, presenceTimeMs);
        setLong(ps, i++, presenceSinceMs);
        ps.setString(i++, version);
        ps.setLong(i++, lastSeq);
        setLong(ps, i++, lastEventMs);
        setLong(ps, i++, lastReceivedMs);
        ps.setString(i++, printer);
        setLong(ps, i++, printerTimeMs);
        setLong(ps, i++, outboxDepth);
        setLong(ps, i++, ticketsToday == null ? null : ticketsToday.longValue());
        setLong(ps, i++, ratingsToday == null ? null : ratingsToday.longValue());
        setLong(ps, i++, telemetryTimeMs);
        ps.setLong(i++, received);
        ps.setLong(i++, duplicates);
        ps.setLong(i++, conflicts);
        ps.setLong(i++, missing);
        setLong(ps, i++, gapSinceMs);
        ps.setLong(i++, lostBelow);
        setLong(ps, i++, lastOnlineMs);
        setLong(ps, i++, prevOnlineMs);
        setLong(ps, i++, presenceChangedMs);
        ps.setString(i++, id.site());
        ps.setString(i, id.kiosk());
    }

    KioskView view() {
        return new KioskView(id, firstSeenMs, presence, presenceSinceMs, presenceChangedMs, version, lastSeq, lastEventMs, lastReceivedMs,
                printer, outboxDepth, ticketsToday, ratingsToday, received, duplicates, conflicts, missing, gapSinceMs,
                lostBelow);
    }

    static Long longOrNull(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, java.sql.Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }
}

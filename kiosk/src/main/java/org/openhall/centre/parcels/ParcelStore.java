package org.openhall.centre.parcels;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openhall.centre.store.CentreStore;

/** The parcel tables' SQL (both databases), each method one transaction of the centre's store. */
final class ParcelStore {
    private static final String COLUMNS = "parcel_id, site, kiosk, number, matter, resident_masked, phone_masked, "
            + "window_id, service_day, registered_ms, state, worker, worker_name, handover_id, handed_over_ms, "
            + "rescheduled_to, outcome_ms, outcome_by";
    private static final String OUT = "state IN ('handed_over', 'rescheduled')";

    private final CentreStore store;

    ParcelStore(CentreStore store) {
        this.store = store;
    }

    /** Filters are optional (null); newest registrations first. */
    List<CentreParcel> list(String state, String site, String worker, int limit) {
        return store.inTransaction(tx -> {
            StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM parcel WHERE 1 = 1");
            List<String> args = new ArrayList<>();
            filter(sql, args, "state", state);
            filter(sql, args, "site", site);
            filter(sql, args, "worker", worker);
            sql.append(" ORDER BY COALESCE(registered_ms, handed_over_ms) DESC, parcel_id LIMIT ").append(limit);
            try (PreparedStatement ps = tx.connection().prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setString(i + 1, args.get(i));
                }
                return rows(ps);
            }
        });
    }

    private static void filter(StringBuilder sql, List<String> args, String column, String value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = ?");
            args.add(value);
        }
    }

    Optional<CentreParcel> find(String parcelId) {
        return store.inTransaction(tx -> find(tx.connection(), parcelId));
    }

    private static Optional<CentreParcel> find(Connection c, String parcelId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM parcel WHERE parcel_id = ?")) {
            ps.setString(1, parcelId);
            List<CentreParcel> rows = rows(ps);
            return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
        }
    }

    Optional<Personal> personal(String parcelId) {
        return store.inTransaction(tx -> {
            try (PreparedStatement ps = tx.connection().prepareStatement(
                    "SELECT resident_name, phone, address, note FROM parcel_personal WHERE parcel_id = ?")) {
                ps.setString(1, parcelId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Personal(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4))) : Optional.<Personal>empty();
                }
            }
        });
    }

    /**
     * Records a door outcome on a parcel that is out; empty when it is not out (nothing changed). The
     * condition is in the UPDATE itself, so two workers recording at once cannot both succeed on a final step.
     */
    Optional<CentreParcel> outcome(String parcelId, String step, String rescheduledTo, String by, String note, long nowMs) {
        return store.inTransaction(tx -> {
            Connection c = tx.connection();
            try (PreparedStatement ps = c.prepareStatement("UPDATE parcel SET state = ?, rescheduled_to = ?, outcome_ms = ?, "
                    + "outcome_by = ?, updated_ms = ? WHERE parcel_id = ? AND " + OUT)) {
                ps.setString(1, step);
                ps.setString(2, rescheduledTo);
                ps.setLong(3, nowMs);
                ps.setString(4, by);
                ps.setLong(5, nowMs);
                ps.setString(6, parcelId);
                if (ps.executeUpdate() == 0) {
                    return Optional.<CentreParcel>empty();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO parcel_step (parcel_id, step, at_ms, by_name, "
                    + "rescheduled_to, note) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, parcelId);
                ps.setString(2, step);
                ps.setLong(3, nowMs);
                ps.setString(4, by);
                ps.setString(5, rescheduledTo);
                ps.setString(6, note);
                ps.executeUpdate();
            }
            return find(c, parcelId);
        });
    }

    /** Parcels out since before {@code cutoffMs}, by hand-over time. */
    List<CentreParcel> outSince(long cutoffMs) {
        return store.inTransaction(tx -> {
            try (PreparedStatement ps = tx.connection().prepareStatement("SELECT " + COLUMNS + " FROM parcel WHERE " + OUT
                    + " AND handed_over_ms < ? ORDER BY site, kiosk, handed_over_ms")) {
                ps.setLong(1, cutoffMs);
                return rows(ps);
            }
        });
    }

    /** The kiosks that have any parcel, for clearing their overdue alarms. */
    List<String[]> kiosks() {
        return store.inTransaction(tx -> {
            List<String[]> out = new ArrayList<>();
            try (PreparedStatement ps = tx.connection().prepareStatement("SELECT DISTINCT site, kiosk FROM parcel");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            return out;
        });
    }

    /** Per site: events in [fromMs, toMs), and what is out (and overdue: out since before cutoffMs) now. */
    List<ParcelCounts> counts(long fromMs, long toMs, String site, long overdueCutoffMs) {
        return store.inTransaction(tx -> {
            Map<String, long[]> bySite = new LinkedHashMap<>();
            Connection c = tx.connection();
            String siteFilter = site == null ? "" : " AND p.site = ?";
            count(c, bySite, 0, "SELECT p.site, COUNT(*) FROM parcel p WHERE p.registered_ms >= ? AND p.registered_ms < ?"
                    + siteFilter + " GROUP BY p.site", fromMs, toMs, site);
            count(c, bySite, 1, "SELECT p.site, COUNT(*) FROM parcel p WHERE p.handed_over_ms >= ? AND p.handed_over_ms < ?"
                    + siteFilter + " GROUP BY p.site", fromMs, toMs, site);
            String[] steps = {CentreParcel.DELIVERED, CentreParcel.RESCHEDULED, CentreParcel.RETURNED};
            for (int i = 0; i < steps.length; i++) {
                count(c, bySite, 2 + i, "SELECT p.site, COUNT(*) FROM parcel_step s JOIN parcel p ON p.parcel_id = s.parcel_id "
                        + "WHERE s.step = '" + steps[i] + "' AND s.at_ms >= ? AND s.at_ms < ?" + siteFilter
                        + " GROUP BY p.site", fromMs, toMs, site);
            }
            count(c, bySite, 5, "SELECT p.site, COUNT(*) FROM parcel p WHERE p." + OUT + " AND p.handed_over_ms >= ? "
                    + "AND p.handed_over_ms < ?" + siteFilter + " GROUP BY p.site", Long.MIN_VALUE, Long.MAX_VALUE, site);
            count(c, bySite, 6, "SELECT p.site, COUNT(*) FROM parcel p WHERE p." + OUT + " AND p.handed_over_ms >= ? "
                    + "AND p.handed_over_ms < ?" + siteFilter + " GROUP BY p.site", Long.MIN_VALUE, overdueCutoffMs, site);
            List<ParcelCounts> out = new ArrayList<>();
            bySite.forEach((s, n) -> out.add(new ParcelCounts(s, n[0], n[1], n[2], n[3], n[4], n[5], n[6])));
            out.sort(java.util.Comparator.comparing(ParcelCounts::site));
            return out;
        });
    }

    private static void count(Connection c, Map<String, long[]> bySite, int slot, String sql, long from, long to,
            String site) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            if (site != null) {
                ps.setString(3, site);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    bySite.computeIfAbsent(rs.getString(1), k -> new long[7])[slot] = rs.getLong(2);
                }
            }
        }
    }

    private static List<CentreParcel> rows(PreparedStatement ps) throws SQLException {
        List<CentreParcel> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new CentreParcel(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                        nullableLong(rs, 10), rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14),
                        nullableLong(rs, 15), rs.getString(16), nullableLong(rs, 17), rs.getString(18)));
            }
        }
        return out;
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}

package org.openhall.centre.reports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The report tables: rows projected from events, and the grouped counts reports are folded from. Only SQL
 * that SQLite and PostgreSQL read alike (the keys are stored text, so no date functions differ).
 */
public final class ReportStore {

    /**
     * The ratings of one ingest batch, counted: their daily counts summed per key first, so a batch of a thousand
     * ratings is a few dozen upserts, not three a rating. The upserts go in key order, so two centre instances
     * sharing a database lock the same count rows in the same order and never deadlock. (No row per rating is
     * kept: the event itself is one, V52.)
     */
    public void countRatings(Connection c, List<RatingFact> facts) throws SQLException {
        if (facts.isEmpty()) {
            return;
        }
        addCounts(c, counts(facts));
    }

    /** One key of {@code report_rating_counts}, with the week and month its day belongs to. */
    record CountKey(String dim, String day, String site, String k1, String k2, int score, String week, String month)
            implements Comparable<CountKey> {
        /** The table's key order (week and month follow from the day). */
        @Override
        public int compareTo(CountKey o) {
            int c = dim.compareTo(o.dim);
            if (c == 0) {
                c = day.compareTo(o.day);
            }
            if (c == 0) {
                c = site.compareTo(o.site);
            }
            if (c == 0) {
                c = k1.compareTo(o.k1);
            }
            if (c == 0) {
                c = k2.compareTo(o.k2);
            }
            return c != 0 ? c : Integer.compare(score, o.score);
        }
    }

    /** Each rating counts once in dimension window, once in staff ('' when unknown), once in hour (k2 = weekday). */
    static java.util.SortedMap<CountKey, Long> counts(List<RatingFact> facts) {
        java.util.SortedMap<CountKey, Long> counts = new java.util.TreeMap<>();
        for (RatingFact f : facts) {
            ReportCalendar.Keys k = f.keys();
            counts.merge(new CountKey("window", k.day(), f.site(), f.window(), "", f.score(), k.week(), k.month()), 1L, Long::sum);
            counts.merge(new CountKey("staff", k.day(), f.site(), f.staff() == null ? "" : f.staff(), "", f.score(), k.week(),
                    k.month()), 1L, Long::sum);
            counts.merge(new CountKey("hour", k.day(), f.site(), k.hour(), String.valueOf(k.weekday()), f.score(), k.week(),
                    k.month()), 1L, Long::sum);
        }
        return counts;
    }

    private static void addCounts(Connection c, java.util.SortedMap<CountKey, Long> counts) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO report_rating_counts(dim, day, week, month, site, k1, k2, "
                + "score, n) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dim, day, site, k1, k2, score) "
                + "DO UPDATE SET n = report_rating_counts.n + excluded.n")) {
            for (var entry : counts.entrySet()) {
                CountKey k = entry.getKey();
                ps.setString(1, k.dim());
                ps.setString(2, k.day());
                ps.setString(3, k.week());
                ps.setString(4, k.month());
                ps.setString(5, k.site());
                ps.setString(6, k.k1());
                ps.setString(7, k.k2());
                ps.setInt(8, k.score());
                ps.setLong(9, entry.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The queue rows of one ingest batch, in one JDBC batch. */
    public void insertQueue(Connection c, List<QueueFact> facts) throws SQLException {
        if (facts.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO report_queue(site, kiosk, seq, kind, day, category, "
                + "window_id, seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (QueueFact f : facts) {
                ps.setString(1, f.site());
                ps.setString(2, f.kiosk());
                ps.setLong(3, f.seq());
                ps.setString(4, f.kind().wireName());
                ps.setString(5, f.day());
                ps.setString(6, f.category());
                ps.setString(7, f.window());
                if (f.seconds() == null) {
                    ps.setNull(8, java.sql.Types.BIGINT);
                } else {
                    ps.setLong(8, f.seconds());
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** One window.resumed's paused time on one day, and the seq of that event. */
    public record PausedRow(long seq, PausedDay day) {
    }

    /** The paused rows of one ingest batch, in one JDBC batch. */
    public void insertPaused(Connection c, List<PausedRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO report_paused(site, kiosk, seq, day, window_id, paused_s) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (PausedRow row : rows) {
                PausedDay p = row.day();
                ps.setString(1, p.site());
                ps.setString(2, p.kiosk());
                ps.setLong(3, row.seq());
                ps.setString(4, p.day());
                ps.setString(5, p.window());
                ps.setLong(6, p.pausedS());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Ratings per key (and site where the grouping or the query has one) and score, summed from the daily
     * counts: window and time keys from dimension "window" (every rating is in it once), staff from "staff",
     * hours from "hour".
     */
    public List<RatingCell> ratingCells(Connection c, RatingGrouping by, ReportQuery q) throws SQLException {
        String dim = switch (by) {
            case STAFF -> "staff";
            case HOUR, WEEKDAY_HOUR -> "hour";
            default -> "window";
        };
        String key = switch (by) {
            case WINDOW, STAFF, HOUR -> "k1";
            case DAY -> "day";
            case WEEK -> "week";
            case MONTH -> "month";
            case WEEKDAY_HOUR -> "k2, k1";
        };
        boolean withSite = by.perSite() || q.site() != null;
        String sql = "SELECT " + key + (withSite ? ", site" : "") + ", score, SUM(n) FROM report_rating_counts"
                + " WHERE day >= ? AND day <= ?" + (q.site() != null ? " AND site = ?" : "") + " AND dim = '" + dim + "'"
                + " GROUP BY " + key + (withSite ? ", site" : "") + ", score";
        List<RatingCell> cells = new ArrayList<>();
        try (PreparedStatement ps = bind(c.prepareStatement(sql), q); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                int col = 1;
                String k = by == RatingGrouping.WEEKDAY_HOUR ? rs.getString(col++) + "-" + rs.getString(col++) : rs.getString(col++);
                if (by == RatingGrouping.STAFF && k.isEmpty()) {
                    k = null; // unknown staff
                }
                String site = withSite ? rs.getString(col++) : null;
                cells.add(new RatingCell(k, site, rs.getInt(col++), rs.getLong(col)));
            }
        }
        return cells;
    }

    /** Queue events per key (and site), kind and duration. */
    public List<QueueCell> queueCells(Connection c, QueueGrouping by, ReportQuery q) throws SQLException {
        String key = switch (by) {
            case CATEGORY -> "category";
            case WINDOW -> "window_id";
            case DAY -> "day";
        };
        boolean withSite = by.perSite() || q.site() != null;
        String sql = "SELECT " + key + (withSite ? ", site" : "") + ", kind, seconds, COUNT(*) FROM report_queue"
                + " WHERE day >= ? AND day <= ?" + (q.site() != null ? " AND site = ?" : "")
                + " GROUP BY " + key + (withSite ? ", site" : "") + ", kind, seconds";
        List<QueueCell> cells = new ArrayList<>();
        try (PreparedStatement ps = bind(c.prepareStatement(sql), q); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String k = rs.getString(1);
                String site = withSite ? rs.getString(2) : null;
                int col = withSite ? 3 : 2;
                QueueEventKind kind = QueueEventKind.byName(rs.getString(col));
                long seconds = rs.getLong(col + 1);
                Long value = rs.wasNull() ? null : seconds;
                cells.add(new QueueCell(k, site, kind, value, rs.getLong(col + 2)));
            }
        }
        return cells;
    }

    /** Each window's paused seconds per day. */
    public List<PausedDay> pausedDays(Connection c, ReportQuery q) throws SQLException {
        String sql = "SELECT site, kiosk, window_id, day, SUM(paused_s) FROM report_paused WHERE day >= ? AND day <= ?"
                + (q.site() != null ? " AND site = ?" : "")
                + " GROUP BY site, kiosk, window_id, day ORDER BY day, site, kiosk, window_id";
        List<PausedDay> rows = new ArrayList<>();
        try (PreparedStatement ps = bind(c.prepareStatement(sql), q); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new PausedDay(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5)));
            }
        }
        return rows;
    }

    /** The first day with any projected rating or calling event, or null when there is none yet. */
    public String firstDay(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT MIN(d) FROM (SELECT MIN(day) AS d FROM report_rating_counts WHERE dim = 'window'"
                        + " UNION ALL SELECT MIN(day) FROM report_queue) x");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static PreparedStatement bind(PreparedStatement ps, ReportQuery q) throws SQLException {
        ps.setString(1, q.from().toString());
        ps.setString(2, q.to().toString());
        if (q.site() != null) {
            ps.setString(3, q.site());
        }
        return ps;
    }
}

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

    public void insertRating(Connection c, RatingFact f) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO report_ratings(site, kiosk, seq, rated_ms, day, week, "
                + "month, hour, weekday, window_id, staff, ticket, score) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, f.site());
            ps.setString(2, f.kiosk());
            ps.setLong(3, f.seq());
            ps.setLong(4, f.ratedMs());
            ps.setString(5, f.keys().day());
            ps.setString(6, f.keys().week());
            ps.setString(7, f.keys().month());
            ps.setString(8, f.keys().hour());
            ps.setInt(9, f.keys().weekday());
            ps.setString(10, f.window());
            ps.setString(11, f.staff());
            ps.setString(12, f.ticket());
            ps.setInt(13, f.score());
            ps.executeUpdate();
        }
        count(c, "window", f, f.window(), "");
        count(c, "staff", f, f.staff() == null ? "" : f.staff(), "");
        count(c, "hour", f, f.keys().hour(), String.valueOf(f.keys().weekday()));
    }

    private static void count(Connection c, String dim, RatingFact f, String k1, String k2) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO report_rating_counts(dim, day, week, month, site, k1, k2, "
                + "score, n) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1) ON CONFLICT (dim, day, site, k1, k2, score) "
                + "DO UPDATE SET n = report_rating_counts.n + 1")) {
            ps.setString(1, dim);
            ps.setString(2, f.keys().day());
            ps.setString(3, f.keys().week());
            ps.setString(4, f.keys().month());
            ps.setString(5, f.site());
            ps.setString(6, k1);
            ps.setString(7, k2);
            ps.setInt(8, f.score());
            ps.executeUpdate();
        }
    }

    public void insertQueue(Connection c, QueueFact f) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO report_queue(site, kiosk, seq, kind, day, category, "
                + "window_id, seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, f.site());
            ps.setString(2, f.kiosk());
            ps.setLong(3, f.seq());
            ps.setString(4, f.kind().wireName());
            ps.setString(5, f.day());
            ps.setString(6, f.category());
            ps.setString(7, f.window());
            ps.setObject(8, f.seconds());
            ps.executeUpdate();
        }
    }

    public void insertPaused(Connection c, long seq, PausedDay p) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO report_paused(site, kiosk, seq, day, window_id, paused_s) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, p.site());
            ps.setString(2, p.kiosk());
            ps.setLong(3, seq);
            ps.setString(4, p.day());
            ps.setString(5, p.window());
            ps.setLong(6, p.pausedS());
            ps.executeUpdate();
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
                "SELECT MIN(d) FROM (SELECT MIN(day) AS d FROM report_ratings UNION ALL SELECT MIN(day) FROM report_queue) x");
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

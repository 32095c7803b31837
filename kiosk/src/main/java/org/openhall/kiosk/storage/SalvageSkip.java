package org.openhall.kiosk.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * After a corrupt database was salvaged with rows lost, a day's numbers (tickets, parcels) skip as many as may
 * be lost, so none handed out before is handed out again. The skip is counted from the highest number the
 * salvage kept (rows up to a rowid mark), never from numbers handed out since, so numbers after it run on
 * one by one. Kept in the component's state table {@code (name TEXT PRIMARY KEY, value TEXT)}, for the day of
 * the salvage only.
 */
public final class SalvageSkip {
    /** The most a day skips: where the loss is unknown, numbers go on at 1000 or above. */
    public static final long MAX = 999;
    private static final String NAME = "salvage_skip";
    private static final Pattern TABLE = Pattern.compile("^[a-z_]+$");
    private final String stateTable;
    private final String numberedTable;

    /** The skip of the rows of {@code numberedTable}, kept in {@code stateTable}. */
    public SalvageSkip(String stateTable, String numberedTable) {
        this.stateTable = checked(stateTable);
        this.numberedTable = checked(numberedTable);
    }

    private static String checked(String table) {
        if (!TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("bad table name " + table);
        }
        return table;
    }

    /** Records that {@code day}'s numbers skip {@code lost} (at most {@link #MAX}) past the rows there now. */
    public void record(Connection c, LocalDate day, long lost) throws SQLException {
        if (lost <= 0) {
            return;
        }
        long mark;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(rowid), 0) FROM " + numberedTable)) {
            rs.next();
            mark = rs.getLong(1);
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + stateTable + "(name, value) VALUES (?, ?) "
                + "ON CONFLICT(name) DO UPDATE SET value = excluded.value")) {
            ps.setString(1, NAME);
            ps.setString(2, day + " " + Math.min(lost, MAX) + " " + mark);
            ps.executeUpdate();
        }
    }

    /** {@code day}'s skip: {@link Skip#NONE} unless a salvage on that day lost rows. */
    public Skip on(Connection c, LocalDate day) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT value FROM " + stateTable + " WHERE name = ?")) {
            ps.setString(1, NAME);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !rs.getString(1).startsWith(day + " ")) {
                    return Skip.NONE;
                }
                String[] parts = rs.getString(1).split(" ");
                return new Skip(Long.parseLong(parts[1]), parts.length > 2 ? Long.parseLong(parts[2]) : 0);
            }
        }
    }

    /**
     * The next ordinal of {@code day} in the numbered table (of {@code category} too, unless null): one above the
     * highest, and past the day's skip after the highest the salvage kept. The table has {@code service_day} and
     * {@code ordinal} columns (and {@code category} when one is given).
     */
    public int nextOrdinal(Connection c, LocalDate day, String category) throws SQLException {
        Skip skip = on(c, day);
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(ordinal), 0), "
                + "COALESCE(MAX(CASE WHEN rowid <= ? THEN ordinal END), 0) FROM " + numberedTable
                + " WHERE service_day = ?" + (category == null ? "" : " AND category = ?"))) {
            ps.setLong(1, skip.mark());
            ps.setString(2, day.toString());
            if (category != null) {
                ps.setString(3, category);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return skip.next(rs.getInt(1), rs.getInt(2));
            }
        }
    }

    /** A day's skip: {@code lost} numbers past the highest one among the rows up to rowid {@code mark} (those the salvage kept). */
    public record Skip(long lost, long mark) {
        public static final Skip NONE = new Skip(0, 0);

        /** The next ordinal after {@code highest}, and past the skip after {@code highestSalvaged}. */
        int next(int highest, int highestSalvaged) {
            return (int) Math.max(highest + 1L, highestSalvaged + lost + 1);
        }
    }
}

package org.openhall.kiosk.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * After a corrupt database was salvaged with rows lost, a day's numbers (tickets, parcels) skip as many as may
 * be lost, so none handed out before is handed out again. Kept in the component's state table
 * {@code (name TEXT PRIMARY KEY, value TEXT)}, for the day of the salvage only.
 */
public final class SalvageSkip {
    /** The most a day skips: where the loss is unknown, numbers go on at 1000 or above. */
    public static final long MAX = 999;
    private static final String NAME = "salvage_skip";
    private static final Pattern TABLE = Pattern.compile("^[a-z_]+$");
    private final String stateTable;

    public SalvageSkip(String stateTable) {
        if (!TABLE.matcher(stateTable).matches()) {
            throw new IllegalArgumentException("bad state table " + stateTable);
        }
        this.stateTable = stateTable;
    }

    /** Records that {@code day}'s numbers skip {@code lost} (at most {@link #MAX}); lost 0 records nothing. */
    public void record(Connection c, LocalDate day, long lost) throws SQLException {
        if (lost <= 0) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + stateTable + "(name, value) VALUES (?, ?) "
                + "ON CONFLICT(name) DO UPDATE SET value = excluded.value")) {
            ps.setString(1, NAME);
            ps.setString(2, day + " " + Math.min(lost, MAX));
            ps.executeUpdate();
        }
    }

    /** How far {@code day}'s numbers skip: 0 unless a salvage on that day lost rows. */
    public int on(Connection c, LocalDate day) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT value FROM " + stateTable + " WHERE name = ?")) {
            ps.setString(1, NAME);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !rs.getString(1).startsWith(day + " ")) {
                    return 0;
                }
                return Integer.parseInt(rs.getString(1).substring(day.toString().length() + 1));
            }
        }
    }
}

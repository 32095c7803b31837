package org.openhall.centre.reports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The table {@code periodic_reports}: which periods were written, so none is written twice. */
public final class PeriodicStore {

    /** A written report: its kind, period name and when it was written (epoch ms). */
    public record Written(String kind, String period, long writtenMs) {
    }

    /** Records a period as written; false when it already was (by this or another centre instance). */
    public boolean markWritten(Connection c, Period period, long nowMs) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO periodic_reports(kind, period, written_ms) "
                + "VALUES (?, ?, ?) ON CONFLICT (kind, period) DO NOTHING")) {
            ps.setString(1, period.kind().wireName());
            ps.setString(2, period.name());
            ps.setLong(3, nowMs);
            return ps.executeUpdate() == 1;
        }
    }

    public boolean isWritten(Connection c, Period period) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM periodic_reports WHERE kind = ? AND period = ?")) {
            ps.setString(1, period.kind().wireName());
            ps.setString(2, period.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Every written report, newest period first within each kind. */
    public List<Written> all(Connection c) throws SQLException {
        List<Written> all = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT kind, period, written_ms FROM periodic_reports ORDER BY kind, period DESC");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                all.add(new Written(rs.getString(1), rs.getString(2), rs.getLong(3)));
            }
        }
        return all;
    }
}

package org.openhall.kiosk.ratings;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.openhall.kiosk.storage.Migration;

/** The {@code ratings} table: one row per committed rating, written in the transaction of its event. */
final class RatingStore {
    static final Migration SCHEMA = new Migration("ratings", List.of("""
            CREATE TABLE ratings (
              seq INTEGER PRIMARY KEY,
              service_day TEXT NOT NULL,
              rated_ms INTEGER NOT NULL,
              window TEXT NOT NULL,
              level TEXT NOT NULL,
              score INTEGER NOT NULL,
              channel TEXT NOT NULL,
              ticket TEXT,
              staff TEXT);
            CREATE INDEX ratings_by_day ON ratings(service_day)
            """, """
            CREATE TABLE window_service (
              window TEXT PRIMARY KEY,
              ticket TEXT,
              staff TEXT,
              invite_until_ms INTEGER)
            """, """
            DROP INDEX ratings_by_day
            """));

    /** What a window is serving, kept so that a restart (a power cut) does not forget it. */
    record Service(Attribution attribution, Instant inviteUntil) {}

    /** The rating's row, and its window's invite used up, in the rating's transaction. */
    void record(Connection c, long seq, LocalDate day, Rating rating) throws SQLException {
        insert(c, seq, day, rating);
        closeInvite(c, rating.window());
    }

    void insert(Connection c, long seq, LocalDate day, Rating rating) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ratings(seq, service_day, rated_ms, window, level, "
                + "score, channel, ticket, staff) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, seq);
            ps.setString(2, day.toString());
            ps.setLong(3, rating.at().toEpochMilli());
            ps.setString(4, rating.window());
            ps.setString(5, rating.level().wireName());
            ps.setInt(6, rating.level().score());
            ps.setString(7, rating.channel());
            ps.setString(8, rating.ticket());
            ps.setString(9, rating.staff());
            ps.executeUpdate();
        }
    }

    void saveService(Connection c, String window, Attribution who, Instant inviteUntil) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO window_service(window, ticket, staff, invite_until_ms) "
                + "VALUES (?, ?, ?, ?) ON CONFLICT(window) DO UPDATE SET ticket = excluded.ticket, staff = excluded.staff, "
                + "invite_until_ms = excluded.invite_until_ms")) {
            ps.setString(1, window);
            ps.setString(2, who.ticket());
            ps.setString(3, who.staff());
            ps.setObject(4, inviteUntil == null ? null : inviteUntil.toEpochMilli());
            ps.executeUpdate();
        }
    }

    /** The invite is used up by a rating (in that rating's transaction). */
    void closeInvite(Connection c, String window) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE window_service SET invite_until_ms = NULL WHERE window = ?")) {
            ps.setString(1, window);
            ps.executeUpdate();
        }
    }

    Optional<Service> loadService(Connection c, String window) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT ticket, staff, invite_until_ms FROM window_service WHERE window = ?")) {
            ps.setString(1, window);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long until = rs.getLong(3);
                Instant invite = rs.wasNull() ? null : Instant.ofEpochMilli(until);
                return Optional.of(new Service(new Attribution(rs.getString(1), rs.getString(2)), invite));
            }
        }
    }

    /**
     * The day's ratings since the last one of another day, found walking back from the newest: ratings come in
     * seq order, so this reads only the day's rows without an index on the day (which would cost every rating
     * another page written to the card). A clock set back and forth may hide a few from this count (telemetry).
     */
    long count(Connection c, LocalDate day) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM ratings WHERE service_day = ?1 AND seq > "
                + "COALESCE((SELECT seq FROM ratings WHERE service_day <> ?1 ORDER BY seq DESC LIMIT 1), 0)")) {
            ps.setString(1, day.toString());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}

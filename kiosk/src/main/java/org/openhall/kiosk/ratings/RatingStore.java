package org.openhall.kiosk.ratings;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import org.openhall.kiosk.outbox.Migration;

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
            """));

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

    long count(Connection c, LocalDate day) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM ratings WHERE service_day = ?")) {
            ps.setString(1, day.toString());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}

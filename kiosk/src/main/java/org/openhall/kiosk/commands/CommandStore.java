package org.openhall.kiosk.commands;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.openhall.kiosk.storage.Migration;

/**
 * The commands' tables: ids seen (bounded: the last {@link #KEEP_IDS} and at most {@link #KEEP_MS} old), and
 * the inbox of accepted commands not yet carried out, so a command acknowledged to the broker survives a crash.
 */
final class CommandStore {
    static final Migration SCHEMA = new Migration("commands", List.of("""
            CREATE TABLE command_seen (id TEXT PRIMARY KEY, seen_ms INTEGER NOT NULL);
            CREATE INDEX command_seen_by_time ON command_seen(seen_ms);
            CREATE TABLE command_inbox (
              pos INTEGER PRIMARY KEY AUTOINCREMENT,
              id TEXT NOT NULL,
              name TEXT NOT NULL,
              payload BLOB NOT NULL,
              started INTEGER NOT NULL DEFAULT 0)
            """));
    static final int KEEP_IDS = 10_000;
    static final long KEEP_MS = 7L * 24 * 3600 * 1000;

    record Pending(long pos, String id, String name, byte[] payload, boolean started) {}

    /** Records the id; false when it was seen before (then nothing is recorded). */
    static boolean remember(Connection c, String id, long nowMs) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT OR IGNORE INTO command_seen(id, seen_ms) VALUES (?, ?)")) {
            ps.setString(1, id);
            ps.setLong(2, nowMs);
            return ps.executeUpdate() == 1;
        }
    }

    static boolean seen(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM command_seen WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Commands in the inbox, waiting to run. */
    static int waiting(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM command_inbox"); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    static void prune(Connection c, long nowMs) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM command_seen WHERE seen_ms < ? OR id IN "
                + "(SELECT id FROM command_seen ORDER BY seen_ms DESC LIMIT -1 OFFSET ?)")) {
            ps.setLong(1, nowMs - KEEP_MS);
            ps.setInt(2, KEEP_IDS);
            ps.executeUpdate();
        }
    }

    static void enqueue(Connection c, String id, String name, byte[] payload) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO command_inbox(id, name, payload) VALUES (?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, name);
            ps.setBytes(3, payload);
            ps.executeUpdate();
        }
    }

    static Pending next(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT pos, id, name, payload, started FROM command_inbox ORDER BY pos LIMIT 1");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? new Pending(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4), rs.getInt(5) != 0) : null;
        }
    }

    static void markStarted(Connection c, long pos) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE command_inbox SET started = 1 WHERE pos = ?")) {
            ps.setLong(1, pos);
            ps.executeUpdate();
        }
    }

    static void remove(Connection c, long pos) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM command_inbox WHERE pos = ?")) {
            ps.setLong(1, pos);
            ps.executeUpdate();
        }
    }
}

package org.openhall.kiosk.tickets;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openhall.kiosk.config.Category;
import org.openhall.kiosk.storage.Migration;
import org.openhall.kiosk.storage.SalvageSkip;

/**
 * The tickets' SQL, always run on a connection of an open outbox transaction. Tickets are never deleted:
 * the next number of a category is one more than the highest of its service day, so a number is never
 * handed out twice, restarts included. A ticket's {@code category} is the one it was issued in (its number);
 * {@code queue_category} the queue it waits in, which a transfer changes. Every query names one service day,
 * and a day's rows (hundreds) are found by the {@code (service_day, number)} key alone: each further index
 * would cost every ticket and every call another page written to the card (version 3 dropped two, version
 * 4 the key on {@code ticket_id}: a random UUID, unique by construction, which no lookup needs, since every
 * ticket is found by its day and number).
 */
final class TicketStore {
    static final Migration SCHEMA = new Migration("tickets", List.of("""
            CREATE TABLE tickets (
              ticket_id TEXT PRIMARY KEY,
              service_day TEXT NOT NULL,
              category TEXT NOT NULL,
              ordinal INTEGER NOT NULL,
              number TEXT NOT NULL,
              category_name TEXT NOT NULL,
              category_name_en TEXT NOT NULL,
              priority INTEGER NOT NULL,
              channel TEXT NOT NULL,
              ahead INTEGER NOT NULL,
              wait_minutes INTEGER,
              issued_at TEXT NOT NULL,
              printed INTEGER NOT NULL DEFAULT 0,
              called_order INTEGER,
              called_window TEXT,
              called_ms INTEGER,
              UNIQUE (service_day, number));
            CREATE INDEX tickets_by_day ON tickets(service_day, called_order, category);
            CREATE TABLE ticket_state (name TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE ticket_categories (
              position INTEGER PRIMARY KEY, code TEXT NOT NULL, name TEXT NOT NULL, name_en TEXT NOT NULL)
            """, """
            ALTER TABLE tickets ADD COLUMN status TEXT NOT NULL DEFAULT 'waiting';
            UPDATE tickets SET status = 'called' WHERE called_order IS NOT NULL;
            ALTER TABLE tickets ADD COLUMN queue_category TEXT;
            UPDATE tickets SET queue_category = category;
            ALTER TABLE tickets ADD COLUMN front_order INTEGER;
            ALTER TABLE tickets ADD COLUMN last_call_ms INTEGER;
            UPDATE tickets SET last_call_ms = called_ms;
            CREATE INDEX tickets_by_status ON tickets(service_day, status, queue_category);
            CREATE TABLE windows (id TEXT PRIMARY KEY, paused_ms INTEGER);
            CREATE TABLE calls (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              service_day TEXT NOT NULL,
              number TEXT NOT NULL,
              window TEXT NOT NULL,
              at TEXT NOT NULL,
              recall INTEGER NOT NULL)
            """, """
            DROP INDEX tickets_by_day;
            DROP INDEX tickets_by_status
            """, """
            CREATE TABLE tickets_keyed_by_number (
              ticket_id TEXT NOT NULL,
              service_day TEXT NOT NULL,
              category TEXT NOT NULL,
              ordinal INTEGER NOT NULL,
              number TEXT NOT NULL,
              category_name TEXT NOT NULL,
              category_name_en TEXT NOT NULL,
              priority INTEGER NOT NULL,
              channel TEXT NOT NULL,
              ahead INTEGER NOT NULL,
              wait_minutes INTEGER,
              issued_at TEXT NOT NULL,
              printed INTEGER NOT NULL DEFAULT 0,
              called_order INTEGER,
              called_window TEXT,
              called_ms INTEGER,
              status TEXT NOT NULL DEFAULT 'waiting',
              queue_category TEXT,
              front_order INTEGER,
              last_call_ms INTEGER,
              UNIQUE (service_day, number));
            INSERT INTO tickets_keyed_by_number (ticket_id, service_day, category, ordinal, number, category_name, category_name_en, priority, channel, ahead, wait_minutes, issued_at, printed, called_order, called_window, called_ms, status, queue_category, front_order, last_call_ms)
              SELECT ticket_id, service_day, category, ordinal, number, category_name, category_name_en, priority, channel, ahead, wait_minutes, issued_at, printed, called_order, called_window, called_ms, status, queue_category, front_order, last_call_ms FROM tickets ORDER BY rowid;
            DROP TABLE tickets;
            ALTER TABLE tickets_keyed_by_number RENAME TO tickets
            """));
    private static final String HIGHEST_DAY = "highest_service_day";
    private static final String CATEGORIES_REPLACED = "categories_replaced";
    private final SalvageSkip salvageSkip = new SalvageSkip("ticket_state", "tickets");
    /** Calls the wait estimate looks back on. */
    static final int RECENT_CALLS = 10;

    Optional<LocalDate> highestDay(Connection c) throws SQLException {
        return state(c, HIGHEST_DAY).map(LocalDate::parse);
    }

    /** The current service day, never before the highest one recorded (a clock that jumped back). */
    LocalDate serviceDay(Connection c, Clock clock, ZoneId zone) throws SQLException {
        return ServiceDay.current(clock, zone, highestDay(c).orElse(null));
    }

    void recordDay(Connection c, LocalDate day) throws SQLException {
        Optional<LocalDate> highest = highestDay(c);
        if (highest.isEmpty() || day.isAfter(highest.get())) {
            setState(c, HIGHEST_DAY, day.toString());
        }
    }

    int nextOrdinal(Connection c, LocalDate day, String category) throws SQLException {
        return salvageSkip.nextOrdinal(c, day, category);
    }

    /** Records a salvage's loss: that day's numbers skip as many as may be lost. */
    void skipAfterSalvage(Connection c, LocalDate day, long lost) throws SQLException {
        salvageSkip.record(c, day, lost);
    }

    /** Waiting tickets of the category that will be called before a new one with this priority. */
    int ahead(Connection c, LocalDate day, String category, boolean priority) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM tickets WHERE service_day = ? "
                + "AND queue_category = ? AND status = 'waiting' AND (priority >= ? OR front_order IS NOT NULL)")) {
            ps.setString(1, day.toString());
            ps.setString(2, category);
            ps.setInt(3, priority ? 1 : 0);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Call times of the category's most recent calls that day, newest first, in call order. */
    List<Long> recentCallTimes(Connection c, LocalDate day, String category) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT called_ms FROM tickets WHERE service_day = ? "
                + "AND category = ? AND called_order IS NOT NULL ORDER BY called_order DESC LIMIT ?")) {
            ps.setString(1, day.toString());
            ps.setString(2, category);
            ps.setInt(3, RECENT_CALLS);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }

    void insert(Connection c, IssuedTicket t, int ordinal) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO tickets(ticket_id, service_day, category, ordinal, "
                + "number, category_name, category_name_en, priority, channel, ahead, wait_minutes, issued_at, printed, "
                + "queue_category) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, t.ticketId());
            ps.setString(2, t.serviceDay().toString());
            ps.setString(3, t.category());
            ps.setInt(4, ordinal);
            ps.setString(5, t.number());
            ps.setString(6, t.categoryName());
            ps.setString(7, t.categoryNameEn());
            ps.setInt(8, t.priority() ? 1 : 0);
            ps.setString(9, t.channel());
            ps.setInt(10, t.ahead());
            ps.setObject(11, t.waitMinutes());
            ps.setString(12, t.issuedAt().toString());
            ps.setInt(13, t.printed() ? 1 : 0);
            ps.setString(14, t.category());
            ps.executeUpdate();
        }
    }

    void markPrinted(Connection c, IssuedTicket t, boolean printed) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE tickets SET printed = ? WHERE service_day = ? AND number = ?")) {
            ps.setInt(1, printed ? 1 : 0);
            ps.setString(2, t.serviceDay().toString());
            ps.setString(3, t.number());
            ps.executeUpdate();
        }
    }

    Optional<IssuedTicket> find(Connection c, LocalDate day, String number) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT ticket_id, number, category, category_name, "
                + "category_name_en, priority, ahead, wait_minutes, service_day, channel, printed, issued_at "
                + "FROM tickets WHERE service_day = ? AND number = ?")) {
            ps.setString(1, day.toString());
            ps.setString(2, number);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                int wait = rs.getInt(8);
                Integer waitMinutes = rs.wasNull() ? null : wait;
                return Optional.of(new IssuedTicket(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getInt(6) == 1, rs.getInt(7), waitMinutes, LocalDate.parse(rs.getString(9)),
                        rs.getString(10), rs.getInt(11) == 1, OffsetDateTime.parse(rs.getString(12))));
            }
        }
    }

    Map<String, Long> waitingByCategory(Connection c, LocalDate day) throws SQLException {
        Map<String, Long> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT queue_category, COUNT(*) FROM tickets WHERE service_day = ? "
                + "AND status = 'waiting' GROUP BY queue_category")) {
            ps.setString(1, day.toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return out;
    }

    long issuedOn(Connection c, LocalDate day) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM tickets WHERE service_day = ?")) {
            ps.setString(1, day.toString());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The categories last set by the {@code categories} command; empty when the configuration's apply. */
    Optional<List<Category>> replacedCategories(Connection c) throws SQLException {
        if (state(c, CATEGORIES_REPLACED).isEmpty()) {
            return Optional.empty();
        }
        List<Category> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT code, name, name_en FROM ticket_categories ORDER BY position");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Category(rs.getString(1), rs.getString(2), rs.getString(3)));
            }
        }
        return Optional.of(out);
    }

    void replaceCategories(Connection c, List<Category> categories) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM ticket_categories")) {
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO ticket_categories(position, code, name, name_en) VALUES (?, ?, ?, ?)")) {
            for (int i = 0; i < categories.size(); i++) {
                Category cat = categories.get(i);
                ps.setInt(1, i);
                ps.setString(2, cat.code());
                ps.setString(3, cat.name());
                ps.setString(4, cat.nameEn());
                ps.executeUpdate();
            }
        }
        setState(c, CATEGORIES_REPLACED, "1");
    }

    static Optional<String> state(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT value FROM ticket_state WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static void setState(Connection c, String name, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ticket_state(name, value) VALUES (?, ?) "
                + "ON CONFLICT(name) DO UPDATE SET value = excluded.value")) {
            ps.setString(1, name);
            ps.setString(2, value);
            ps.executeUpdate();
        }
    }
}

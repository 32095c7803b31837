package org.openhall.kiosk.tickets;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.openhall.kiosk.config.WindowSettings;

/**
 * The SQL of a ticket's life after issue (waiting, called, completed, no_show), the windows' pauses and the
 * call history; always on a connection of an open outbox transaction, so a change and its event commit together.
 */
final class CallStore {
    static final String WAITING = "waiting";
    static final String CALLED = "called";
    static final String COMPLETED = "completed";
    static final String NO_SHOW = "no_show";

    /** A ticket as the life cycle sees it. {@code firstCallMs} and {@code lastCallMs} are null before its first call. */
    /** A ticket of {@code day}, found and updated by its day and number (its key). */
    record Ticket(LocalDate day, String number, String queueCategory, String status, long issuedMs,
            Long firstCallMs, Long lastCallMs) {}

    private final TicketStore tickets = new TicketStore();

    /** Today's service day, recorded as the highest seen (a clock set back never reopens a past day). */
    LocalDate recordToday(Connection c, Clock clock, ZoneId zone) throws SQLException {
        LocalDate day = tickets.serviceDay(c, clock, zone);
        tickets.recordDay(c, day);
        return day;
    }

    LocalDate today(Connection c, Clock clock, ZoneId zone) throws SQLException {
        return tickets.serviceDay(c, clock, zone);
    }

    WindowStatus status(Connection c, LocalDate day, WindowSettings w) throws SQLException {
        return new WindowStatus(w.id(), w.name(), w.nameEn(), w.categories(), pausedSince(c, w.id()).isPresent(),
                calledAt(c, day, w.id()).map(Ticket::number).orElse(null));
    }

    private static final String COLUMNS = "service_day, number, queue_category, status, issued_at, called_ms, last_call_ms";

    /**
     * The next ticket to call from these queues (all when the list is empty): transferred tickets first, in the
     * order they were transferred, then priority tickets, then the oldest.
     */
    Optional<Ticket> nextWaiting(Connection c, LocalDate day, List<String> categories) throws SQLException {
        String filter = categories.isEmpty() ? ""
                : " AND queue_category IN (" + String.join(", ", Collections.nCopies(categories.size(), "?")) + ")";
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM tickets WHERE service_day = ? "
                + "AND status = 'waiting'" + filter
                + " ORDER BY front_order IS NULL, front_order, priority DESC, rowid LIMIT 1")) {
            ps.setString(1, day.toString());
            for (int i = 0; i < categories.size(); i++) {
                ps.setString(i + 2, categories.get(i));
            }
            return one(ps);
        }
    }

    Optional<Ticket> byNumber(Connection c, LocalDate day, String number) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM tickets WHERE service_day = ? AND number = ?")) {
            ps.setString(1, day.toString());
            ps.setString(2, number);
            return one(ps);
        }
    }

    /** The ticket the window has called and not yet finished (completed, no-show, transferred). */
    Optional<Ticket> calledAt(Connection c, LocalDate day, String window) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM tickets WHERE service_day = ? "
                + "AND status = 'called' AND called_window = ? ORDER BY last_call_ms DESC LIMIT 1")) {
            ps.setString(1, day.toString());
            ps.setString(2, window);
            return one(ps);
        }
    }

    private static Optional<Ticket> one(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            long first = rs.getLong(6);
            Long firstMs = rs.wasNull() ? null : first;
            long last = rs.getLong(7);
            Long lastMs = rs.wasNull() ? null : last;
            return Optional.of(new Ticket(LocalDate.parse(rs.getString(1)), rs.getString(2), rs.getString(3), rs.getString(4),
                    OffsetDateTime.parse(rs.getString(5)).toInstant().toEpochMilli(), firstMs, lastMs));
        }
    }

    /**
     * Marks a call: the first one also fixes the call order (within its day, so that the work stays a day's
     * rows however long the kiosk has run) and the time the wait estimate uses.
     */
    void markCalled(Connection c, Ticket t, String window, long nowMs) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE tickets SET status = 'called', called_window = ?, "
                + "last_call_ms = ?, front_order = NULL, called_ms = COALESCE(called_ms, ?), "
                + "called_order = COALESCE(called_order, (SELECT COALESCE(MAX(d.called_order), 0) + 1 FROM tickets d "
                + "WHERE d.service_day = tickets.service_day)) "
                + "WHERE service_day = ? AND number = ?")) {
            ps.setString(1, window);
            ps.setLong(2, nowMs);
            ps.setLong(3, nowMs);
            ps.setString(4, t.day().toString());
            ps.setString(5, t.number());
            ps.executeUpdate();
        }
    }

    void markRecalled(Connection c, Ticket t, long nowMs) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE tickets SET last_call_ms = ? WHERE service_day = ? AND number = ?")) {
            ps.setLong(1, nowMs);
            ps.setString(2, t.day().toString());
            ps.setString(3, t.number());
            ps.executeUpdate();
        }
    }

    void setStatus(Connection c, Ticket t, String status) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE tickets SET status = ? WHERE service_day = ? AND number = ?")) {
            ps.setString(1, status);
            ps.setString(2, t.day().toString());
            ps.setString(3, t.number());
            ps.executeUpdate();
        }
    }

    /** Back to waiting, in another queue, behind the tickets transferred before it and ahead of all others. */
    void transfer(Connection c, Ticket t, String category) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE tickets SET status = 'waiting', queue_category = ?, "
                + "front_order = (SELECT COALESCE(MAX(d.front_order), 0) + 1 FROM tickets d WHERE d.service_day = tickets.service_day) "
                + "WHERE service_day = ? AND number = ?")) {
            ps.setString(1, category);
            ps.setString(2, t.day().toString());
            ps.setString(3, t.number());
            ps.executeUpdate();
        }
    }

    /** When the window was paused (epoch ms), empty when it is not paused. */
    Optional<Long> pausedSince(Connection c, String window) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT paused_ms FROM windows WHERE id = ? AND paused_ms IS NOT NULL")) {
            ps.setString(1, window);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    /** {@code sinceMs} null resumes the window. */
    void setPaused(Connection c, String window, Long sinceMs) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO windows(id, paused_ms) VALUES (?, ?) "
                + "ON CONFLICT(id) DO UPDATE SET paused_ms = excluded.paused_ms")) {
            ps.setString(1, window);
            ps.setObject(2, sinceMs);
            ps.executeUpdate();
        }
    }

    void recordCall(Connection c, LocalDate day, Call call) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO calls(service_day, number, window, at, recall) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, day.toString());
            ps.setString(2, call.number());
            ps.setString(3, call.window());
            ps.setString(4, call.at().toString());
            ps.setInt(5, call.recall() ? 1 : 0);
            ps.executeUpdate();
        }
        // the history is for the hall screen: a week is plenty, and the table never grows past a few days' calls
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM calls WHERE service_day < ?")) {
            ps.setString(1, day.minusDays(7).toString());
            ps.executeUpdate();
        }
    }

    /** The day's latest calls, newest first; window names are filled in by the caller. */
    List<Call> recentCalls(Connection c, LocalDate day, int limit) throws SQLException {
        List<Call> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT number, window, at, recall FROM calls "
                + "WHERE service_day = ? ORDER BY id DESC LIMIT ?")) {
            ps.setString(1, day.toString());
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Call(rs.getString(1), rs.getString(2), null, OffsetDateTime.parse(rs.getString(3)),
                            rs.getInt(4) == 1));
                }
            }
        }
        return out;
    }
}

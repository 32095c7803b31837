package org.openhall.kiosk.parcels;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openhall.kiosk.storage.Migration;
import org.openhall.kiosk.storage.SalvageSkip;

/**
 * The parcels' SQL, run on a connection of an open transaction. Parcels are never deleted, so a day's next
 * number is one more than its highest and never handed out twice. The table holds the masked name and phone
 * only: the full ones exist on the kiosk only inside the outbox row of {@code parcel.registered}, which goes
 * when the broker has acknowledged it.
 */
final class ParcelStore {
    static final Migration SCHEMA = new Migration("parcels", List.of("""
            CREATE TABLE parcels (
              parcel_id TEXT PRIMARY KEY,
              service_day TEXT NOT NULL,
              ordinal INTEGER NOT NULL,
              number TEXT NOT NULL UNIQUE,
              matter TEXT NOT NULL,
              resident_masked TEXT NOT NULL,
              phone_masked TEXT NOT NULL,
              window TEXT NOT NULL,
              registered_at TEXT NOT NULL,
              printed INTEGER NOT NULL DEFAULT 0,
              handover_id TEXT,
              UNIQUE (service_day, ordinal));
            CREATE INDEX parcels_by_handover ON parcels(handover_id);
            CREATE TABLE parcel_handovers (
              handover_id TEXT PRIMARY KEY,
              window TEXT NOT NULL,
              worker_id TEXT NOT NULL,
              worker_name TEXT NOT NULL,
              handed_at TEXT NOT NULL,
              printed INTEGER NOT NULL DEFAULT 0);
            CREATE TABLE parcel_workers (position INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL);
            CREATE TABLE parcel_state (name TEXT PRIMARY KEY, value TEXT NOT NULL)
            """));
    private static final String HIGHEST_DAY = "highest_service_day";
    private final SalvageSkip salvageSkip = new SalvageSkip("parcel_state", "parcels");
    private static final String COLUMNS = "parcel_id, number, service_day, matter, resident_masked, phone_masked, "
            + "window, registered_at, printed, handover_id";

    Optional<LocalDate> highestDay(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT value FROM parcel_state WHERE name = ?")) {
            ps.setString(1, HIGHEST_DAY);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(LocalDate.parse(rs.getString(1))) : Optional.empty();
            }
        }
    }

    /** The calendar day in the kiosk's zone, never before the highest day seen (as for ticket numbers). */
    LocalDate serviceDay(Connection c, java.time.Clock clock, java.time.ZoneId zone) throws SQLException {
        LocalDate byClock = LocalDate.ofInstant(clock.instant(), zone);
        Optional<LocalDate> highest = highestDay(c);
        return highest.isEmpty() || byClock.isAfter(highest.get()) ? byClock : highest.get();
    }

    void recordDay(Connection c, LocalDate day) throws SQLException {
        Optional<LocalDate> highest = highestDay(c);
        if (highest.isPresent() && !day.isAfter(highest.get())) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO parcel_state(name, value) VALUES (?, ?) "
                + "ON CONFLICT(name) DO UPDATE SET value = excluded.value")) {
            ps.setString(1, HIGHEST_DAY);
            ps.setString(2, day.toString());
            ps.executeUpdate();
        }
    }

    /** Records a salvage's loss: that day's numbers skip as many as may be lost (numbers are never reused). */
    void skipAfterSalvage(Connection c, LocalDate day, long lost) throws SQLException {
        salvageSkip.record(c, day, lost);
    }

    int nextOrdinal(Connection c, LocalDate day) throws SQLException {
        return salvageSkip.nextOrdinal(c, day, null);
    }

    void insert(Connection c, Parcel p, int ordinal) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO parcels(parcel_id, service_day, ordinal, number, "
                + "matter, resident_masked, phone_masked, window, registered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, p.parcelId());
            ps.setString(2, p.serviceDay().toString());
            ps.setInt(3, ordinal);
            ps.setString(4, p.number());
            ps.setString(5, p.matter());
            ps.setString(6, p.residentMasked());
            ps.setString(7, p.phoneMasked());
            ps.setString(8, p.window());
            ps.setString(9, p.registeredAt().toString());
            ps.executeUpdate();
        }
    }

    void markPrinted(Connection c, String parcelId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE parcels SET printed = 1 WHERE parcel_id = ?")) {
            ps.setString(1, parcelId);
            ps.executeUpdate();
        }
    }

    Optional<Parcel> byId(Connection c, String parcelId) throws SQLException {
        return one(c, "parcel_id", parcelId);
    }

    Optional<Parcel> byNumber(Connection c, String number) throws SQLException {
        return one(c, "number", number);
    }

    private Optional<Parcel> one(Connection c, String column, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM parcels WHERE " + column + " = ?")) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(parcel(rs)) : Optional.empty();
            }
        }
    }

    /** Parcels not yet handed over, oldest first (at most {@code limit}). */
    List<Parcel> waiting(Connection c, int limit) throws SQLException {
        return list(c, "SELECT " + COLUMNS + " FROM parcels WHERE handover_id IS NULL ORDER BY rowid LIMIT ?", limit);
    }

    List<Parcel> ofHandover(Connection c, String handoverId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM parcels WHERE handover_id = ? ORDER BY rowid")) {
            ps.setString(1, handoverId);
            return rows(ps);
        }
    }

    private List<Parcel> list(Connection c, String sql, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, limit);
            return rows(ps);
        }
    }

    private static List<Parcel> rows(PreparedStatement ps) throws SQLException {
        List<Parcel> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(parcel(rs));
            }
        }
        return out;
    }

    private static Parcel parcel(ResultSet rs) throws SQLException {
        return new Parcel(rs.getString(1), rs.getString(2), LocalDate.parse(rs.getString(3)), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), OffsetDateTime.parse(rs.getString(8)),
                rs.getInt(9) == 1, rs.getString(10));
    }

    /** Marks the parcel taken; false when it was already (another window's hand-over got there first). */
    boolean handOver(Connection c, String parcelId, String handoverId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE parcels SET handover_id = ? WHERE parcel_id = ? AND handover_id IS NULL")) {
            ps.setString(1, handoverId);
            ps.setString(2, parcelId);
            return ps.executeUpdate() == 1;
        }
    }

    void insertHandover(Connection c, Handover h) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO parcel_handovers(handover_id, window, worker_id, "
                + "worker_name, handed_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, h.handoverId());
            ps.setString(2, h.window());
            ps.setString(3, h.worker().id());
            ps.setString(4, h.worker().name());
            ps.setString(5, h.at().toString());
            ps.executeUpdate();
        }
    }

    void markHandoverPrinted(Connection c, String handoverId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE parcel_handovers SET printed = 1 WHERE handover_id = ?")) {
            ps.setString(1, handoverId);
            ps.executeUpdate();
        }
    }

    Optional<Handover> handover(Connection c, String handoverId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT window, worker_id, worker_name, handed_at, printed "
                + "FROM parcel_handovers WHERE handover_id = ?")) {
            ps.setString(1, handoverId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Handover(handoverId, rs.getString(1), new Worker(rs.getString(2), rs.getString(3)),
                        ofHandover(c, handoverId), OffsetDateTime.parse(rs.getString(4)), rs.getInt(5) == 1));
            }
        }
    }

    List<Worker> workers(Connection c) throws SQLException {
        List<Worker> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, name FROM parcel_workers ORDER BY position");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Worker(rs.getString(1), rs.getString(2)));
            }
        }
        return out;
    }

    void replaceWorkers(Connection c, List<Worker> workers) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM parcel_workers")) {
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO parcel_workers(position, id, name) VALUES (?, ?, ?)")) {
            for (int i = 0; i < workers.size(); i++) {
                ps.setInt(1, i);
                ps.setString(2, workers.get(i).id());
                ps.setString(3, workers.get(i).name());
                ps.executeUpdate();
            }
        }
    }

    long registeredOn(Connection c, LocalDate day) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM parcels WHERE service_day = ?")) {
            ps.setString(1, day.toString());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}

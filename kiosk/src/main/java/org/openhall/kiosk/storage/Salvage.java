package org.openhall.kiosk.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A page-tolerant reader of a database that was moved aside as corrupt. It works on a copy (file and WAL), so
 * the quarantined file stays exactly as it was found. {@link #rows} walks a table in rowid order; where a range
 * read hits a damaged page it falls back to single-row lookups and skips what cannot be read, counting it, so
 * everything on healthy pages is recovered.
 */
public final class Salvage implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Salvage.class);
    private static final int PAGE = 200;
    /** Rowids probed one by one past a damaged spot before jumping on. */
    private static final int PROBES = 2_000;

    private final Path copy;
    private final Connection c;

    private Salvage(Path copy, Connection c) {
        this.copy = copy;
        this.c = c;
    }

    /**
     * What {@link #rows} found: rows read, and lookups that hit a damaged page (rows lost, at most);
     * {@link #unreachable()} when the table's schema itself cannot be read, so how much is lost is unknown.
     */
    public record Found(long read, long unreadable) {
        static final Found NONE = new Found(0, 0);

        static Found unreachable() {
            return new Found(0, Long.MAX_VALUE);
        }

        public boolean lostUnknown() {
            return unreadable == Long.MAX_VALUE;
        }
    }

    /** Whether a table is in the old file: there, never created, or unknown (its schema is on a damaged page). */
    enum Presence { PRESENT, ABSENT, UNREADABLE }

    /** One row of a walk; {@code rs} holds rowid first, then the columns asked for. */
    @FunctionalInterface
    public interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    static Salvage open(Path aside) throws IOException, SQLException {
        Path copy = aside.resolveSibling(aside.getFileName() + ".salvage");
        Files.copy(aside, copy, StandardCopyOption.REPLACE_EXISTING);
        Path wal = aside.resolveSibling(aside.getFileName() + "-wal");
        if (Files.exists(wal)) {
            Files.copy(wal, copy.resolveSibling(copy.getFileName() + "-wal"), StandardCopyOption.REPLACE_EXISTING);
        }
        return new Salvage(copy, DriverManager.getConnection("jdbc:sqlite:" + copy));
    }

    /**
     * Whether the table is in the old file. The schema of a kiosk's file spans several pages (1 KiB each), so
     * damage can make it unreadable: then every table is unknown, not absent, and what it held counts as lost.
     */
    Presence presence(String table) {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Presence.PRESENT : Presence.ABSENT;
            }
        } catch (SQLException e) {
            return Presence.UNREADABLE;
        }
    }

    /**
     * Reads every row of {@code table} it can, in rowid order. {@code columns} is a select list after the rowid;
     * {@code row} sees each readable row once.
     */
    public Found rows(String table, String columns, Row row) {
        switch (presence(table)) {
            case ABSENT -> {
                return Found.NONE;
            }
            case UNREADABLE -> {
                log.warn("salvage of {}: the schema of the old file is unreadable, its rows are lost", table);
                return Found.unreachable();
            }
            case PRESENT -> { }
        }
        String range = "SELECT rowid, " + columns + " FROM " + table + " WHERE rowid > ? ORDER BY rowid LIMIT " + PAGE;
        String one = "SELECT rowid, " + columns + " FROM " + table + " WHERE rowid = ?";
        long highest = highestRowid(table);
        long cursor = Long.MIN_VALUE;
        long read = 0;
        long unreadable = 0;
        while (true) {
            int got = 0;
            try (PreparedStatement ps = c.prepareStatement(range)) {
                ps.setLong(1, cursor);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long rowid = rs.getLong(1);
                        row.read(rs);
                        cursor = rowid;
                        read++;
                        got++;
                    }
                }
                if (got < PAGE) {
                    break;
                }
                continue;
            } catch (SQLException damaged) {
                // fall through to probing past the damage
            }
            long from = cursor == Long.MIN_VALUE ? 0 : cursor;
            boolean found = false;
            int failedInRound = 0;
            for (long r = from + 1; r <= from + PROBES && !found; r++) {
                try (PreparedStatement ps = c.prepareStatement(one)) {
                    ps.setLong(1, r);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            row.read(rs);
                            read++;
                            found = true;
                        }
                    }
                } catch (SQLException lost) {
                    unreadable++;
                    failedInRound++;
                }
                cursor = r;
            }
            // every lookup of a round failing means the way down the tree is damaged (its root or an interior
            // page): nothing further can be reached by rowid
            if (!found && (failedInRound == PROBES || cursor >= highest)) {
                break;
            }
        }
        if (unreadable > 0) {
            log.warn("salvage of {}: {} rows read, {} lookups hit damaged pages", table, read, unreadable);
        }
        return new Found(read, unreadable);
    }

    /**
     * Copies every readable row of {@code table} into the same table of {@code target} (the columns both
     * have; rows whose key is already there are left alone).
     */
    public Found copy(String table, Connection target) throws SQLException {
        java.util.List<String> columns = new java.util.ArrayList<>();
        try (Statement s = target.createStatement(); ResultSet rs = s.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (rs.next()) {
                columns.add(rs.getString("name"));
            }
        }
        java.util.Set<String> old = new java.util.HashSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (rs.next()) {
                old.add(rs.getString("name"));
            }
        } catch (SQLException e) {
            return Found.unreachable();
        }
        if (old.isEmpty()) {
            return presence(table) == Presence.UNREADABLE ? Found.unreachable() : Found.NONE;
        }
        columns.retainAll(old);
        if (columns.isEmpty()) {
            return Found.NONE;
        }
        String list = String.join(", ", columns);
        String marks = String.join(", ", java.util.Collections.nCopies(columns.size(), "?"));
        SQLException[] failed = new SQLException[1];
        Found found;
        try (PreparedStatement insert = target.prepareStatement(
                "INSERT OR IGNORE INTO " + table + "(" + list + ") VALUES (" + marks + ")")) {
            found = rows(table, list, rs -> {
                for (int i = 0; i < columns.size(); i++) {
                    insert.setObject(i + 1, rs.getObject(i + 2));
                }
                try {
                    insert.executeUpdate();
                } catch (SQLException e) {
                    failed[0] = e;
                }
            });
        }
        if (failed[0] != null) {
            throw failed[0];
        }
        return found;
    }

    /** The highest rowid, if the rightmost path of the table is readable; else a generous bound. */
    private long highestRowid(String table) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(rowid) FROM " + table)) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            return Long.MAX_VALUE;
        }
    }

    @Override
    public void close() {
        try {
            c.close();
        } catch (SQLException e) {
            log.debug("closing salvage copy: {}", e.getMessage());
        }
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            try {
                Files.deleteIfExists(copy.resolveSibling(copy.getFileName() + suffix));
            } catch (IOException e) {
                log.warn("salvage copy {} not removed: {}", copy, e.getMessage());
            }
        }
    }
}

package org.openhall.centre.store;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/** The store on JDBC; the same SQL serves SQLite and PostgreSQL except where {@link Dialect} says. */
final class JdbcCentreStore implements CentreStore {
    private static final String ALARM_COLUMNS = "id, site, kiosk, kind, state, raised_ms, acked_ms, cleared_ms, count, message, note";
    private final HikariDataSource pool;
    private final Dialect dialect;
    private final List<Projection> projections = new CopyOnWriteArrayList<>();
    private final FleetFacts facts = new FleetFacts();
    /** Kiosks whose rows exist in committed state (kiosk rows are never deleted): ingest need not register them. */
    private final Set<KioskId> known = ConcurrentHashMap.newKeySet();

    JdbcCentreStore(HikariDataSource pool, Dialect dialect) {
        this.pool = pool;
        this.dialect = dialect;
    }

    @Override
    public Dialect dialect() {
        return dialect;
    }

    @Override
    public void addProjection(Projection projection) {
        projections.add(projection);
    }

    @Override
    public IngestOutcome ingest(IngestBatch batch) {
        IngestOutcome outcome = inTransaction(tx -> new IngestWriter(tx.connection(), dialect, facts, known)
                .write(batch, projections));
        batch.events().forEach(e -> known.add(e.kioskId()));
        batch.presence().forEach(p -> known.add(p.kiosk()));
        return outcome;
    }

    @Override
    public List<KioskView> kiosks() {
        return query("SELECT " + KioskRow.COLUMNS + " FROM kiosk ORDER BY site, kiosk", ps -> { }, rs -> KioskRow.read(rs).view());
    }

    @Override
    public Optional<KioskView> kiosk(KioskId id) {
        return query("SELECT " + KioskRow.COLUMNS + " FROM kiosk WHERE site = ? AND kiosk = ?", ps -> {
            ps.setString(1, id.site());
            ps.setString(2, id.kiosk());
        }, rs -> KioskRow.read(rs).view()).stream().findFirst();
    }

    @Override
    public Completeness completeness(KioskId id) {
        return inTransaction(tx -> {
            KioskView view = kiosk(id).orElse(null);
            if (view == null) {
                return new Completeness(0, 0, 0, List.of(), List.of(), 0, 0);
            }
            SeqRanges ranges = new SeqRanges(new IngestWriter(tx.connection(), dialect, facts, known)
                    .readRanges(List.of(id)).getOrDefault(id, List.of()));
            List<SeqRange> holes = ranges.holes();
            return new Completeness(ranges.first(), ranges.last(), ranges.count(),
                    SeqRanges.atOrAbove(holes, view.lostBelow()), SeqRanges.below(holes, view.lostBelow()),
                    view.duplicates(), view.conflicts());
        });
    }

    @Override
    public List<String> events(EventQuery q) {
        StringBuilder sql = new StringBuilder("SELECT envelope FROM event WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (q.site() != null) {
            sql.append(" AND site = ?");
            args.add(q.site());
        }
        if (q.kiosk() != null) {
            sql.append(" AND kiosk = ?");
            args.add(q.kiosk());
        }
        if (q.type() != null) {
            sql.append(" AND type = ?");
            args.add(q.type());
        }
        if (q.fromMs() != null) {
            sql.append(" AND time_ms >= ?");
            args.add(q.fromMs());
        }
        if (q.toMs() != null) {
            sql.append(" AND time_ms < ?");
            args.add(q.toMs());
        }
        sql.append(" ORDER BY site, kiosk, seq LIMIT ?");
        args.add((long) q.limit());
        return query(sql.toString(), ps -> bind(ps, args), rs -> rs.getString(1));
    }

    @Override
    public List<Alarm> alarms(String state, KioskId kiosk, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + ALARM_COLUMNS + " FROM alarm WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (state != null) {
            sql.append(" AND state = ?");
            args.add(state);
        }
        if (kiosk != null) {
            sql.append(" AND site = ? AND kiosk = ?");
            args.add(kiosk.site());
            args.add(kiosk.kiosk());
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        args.add((long) limit);
        return query(sql.toString(), ps -> bind(ps, args), JdbcCentreStore::alarm);
    }

    @Override
    public Optional<Alarm> alarm(long id) {
        return query("SELECT " + ALARM_COLUMNS + " FROM alarm WHERE id = ?", ps -> ps.setLong(1, id), JdbcCentreStore::alarm)
                .stream().findFirst();
    }

    @Override
    public Alarm raise(KioskId kiosk, String kind, String message, long nowMs, boolean repeat) {
        return inTransaction(tx -> {
            Connection c = tx.connection();
            if (repeat) {
                update(c, "UPDATE alarm SET count = count + 1, message = ? WHERE site = ? AND kiosk = ? AND kind = ? AND state <> 'cleared'",
                        message, kiosk.site(), kiosk.kiosk(), kind);
            }
            update(c, "INSERT INTO alarm (site, kiosk, kind, state, raised_ms, count, message) VALUES (?, ?, ?, 'active', ?, 1, ?)"
                    + " ON CONFLICT (site, kiosk, kind) WHERE state <> 'cleared' DO NOTHING",
                    kiosk.site(), kiosk.kiosk(), kind, nowMs, message);
            try (PreparedStatement ps = c.prepareStatement("SELECT " + ALARM_COLUMNS
                    + " FROM alarm WHERE site = ? AND kiosk = ? AND kind = ? AND state <> 'cleared'")) {
                bind(ps, List.of(kiosk.site(), kiosk.kiosk(), kind));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return alarm(rs);
                }
            }
        });
    }

    @Override
    public boolean clear(KioskId kiosk, String kind, long nowMs) {
        return inTransaction(tx -> update(tx.connection(),
                "UPDATE alarm SET state = 'cleared', cleared_ms = ? WHERE site = ? AND kiosk = ? AND kind = ? AND state <> 'cleared'",
                nowMs, kiosk.site(), kiosk.kiosk(), kind) > 0);
    }

    @Override
    public boolean acknowledge(long alarmId, String note, String by, long nowMs) {
        return inTransaction(tx -> update(tx.connection(),
                "UPDATE alarm SET state = 'acknowledged', acked_ms = ?, note = ?, acked_by = ? WHERE id = ? AND state = 'active'",
                nowMs, note, by, alarmId) > 0);
    }

    @Override
    public void putUser(Account user, long nowMs) {
        inTransaction(tx -> {
            update(tx.connection(), "DELETE FROM account WHERE name = ?", user.name());
            return update(tx.connection(), "INSERT INTO account (name, role, password_hash, created_ms) VALUES (?, ?, ?, ?)",
                    user.name(), user.role(), user.secretHash(), nowMs);
        });
    }

    @Override
    public Optional<Account> user(String name) {
        return query("SELECT name, role, password_hash FROM account WHERE name = ?", ps -> ps.setString(1, name),
                rs -> new Account(rs.getString(1), rs.getString(2), rs.getString(3))).stream().findFirst();
    }

    @Override
    public void addToken(Account token, long nowMs) {
        inTransaction(tx -> update(tx.connection(), "INSERT INTO api_token (token_hash, name, role, created_ms) VALUES (?, ?, ?, ?)",
                token.secretHash(), token.name(), token.role(), nowMs));
    }

    @Override
    public Optional<Account> tokenByHash(String hash) {
        return query("SELECT name, role, token_hash FROM api_token WHERE token_hash = ?", ps -> ps.setString(1, hash),
                rs -> new Account(rs.getString(1), rs.getString(2), rs.getString(3))).stream().findFirst();
    }

    @Override
    public void commandSent(SentCommand command) {
        inTransaction(tx -> update(tx.connection(), "INSERT INTO command (id, site, kiosk, name, sent_ms) VALUES (?, ?, ?, ?, ?)",
                command.id(), command.kiosk().site(), command.kiosk().kiosk(), command.name(), command.sentMs()));
    }

    @Override
    public boolean commandResult(String commandId, String resultJson, long nowMs) {
        return inTransaction(tx -> update(tx.connection(),
                "UPDATE command SET result = ?, result_ms = ? WHERE id = ? AND result IS NULL", resultJson, nowMs, commandId) > 0);
    }

    @Override
    public Optional<SentCommand> command(String commandId) {
        return query("SELECT id, site, kiosk, name, sent_ms, result FROM command WHERE id = ?", ps -> ps.setString(1, commandId),
                rs -> new SentCommand(rs.getString(1), new KioskId(rs.getString(2), rs.getString(3)), rs.getString(4),
                        rs.getLong(5), rs.getString(6))).stream().findFirst();
    }

    @Override
    public String secret(String name, Supplier<String> create) {
        return inTransaction(tx -> {
            update(tx.connection(), "INSERT INTO centre_secret (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
                    name, create.get());
            try (PreparedStatement ps = tx.connection().prepareStatement("SELECT value FROM centre_secret WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
    }

    @Override
    public <T> T inTransaction(Work<T> work) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(new Transaction(c, dialect));
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("database: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean healthy() {
        try (Connection c = pool.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    private <T> List<T> query(String sql, Binder binder, RowReader<T> reader) {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(reader.read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("database: " + e.getMessage(), e);
        }
    }

    private static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, List.of(args));
            return ps.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, List<?> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            Object arg = args.get(i);
            if (arg instanceof Long l) {
                ps.setLong(i + 1, l);
            } else if (arg instanceof Integer n) {
                ps.setLong(i + 1, n);
            } else {
                ps.setString(i + 1, (String) arg);
            }
        }
    }

    private static Alarm alarm(ResultSet rs) throws SQLException {
        return new Alarm(rs.getLong(1), new KioskId(rs.getString(2), rs.getString(3)), rs.getString(4), rs.getString(5),
                rs.getLong(6), KioskRow.longOrNull(rs, 7), KioskRow.longOrNull(rs, 8), rs.getLong(9), rs.getString(10),
                rs.getString(11));
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the pool discards it and the transaction never committed
        }
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }
}

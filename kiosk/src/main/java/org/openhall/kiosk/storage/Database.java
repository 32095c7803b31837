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
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.atomic.AtomicBoolean;
import org.openhall.kiosk.events.Event;
import org.openhall.kiosk.events.EventType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kiosk's one SQLite file: WAL with {@code synchronous=FULL}, one connection used by one writer at a
 * time, versioned schemas per component. A file that fails {@code PRAGMA quick_check} is moved aside
 * (never deleted) and a fresh one started, so a corrupt card never makes the daemon crash-loop.
 *
 * <p>Two ways in: {@link #transaction} is the domain's transaction (its own SQL plus events appended to the
 * {@link EventJournal}, committed together); {@link #inTransaction} is raw work on the connection (reads,
 * schema, the outbox's own bookkeeping). Both nest: an inner call joins the outer transaction.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /** Bytes per page: an event's commit changes about four pages (its rows and their index entries). */
    static final int PAGE_SIZE = 1024;
    /**
     * Pages in the WAL before it is copied back into the database file (256 KiB, about 70 events). SQLite
     * deletes the WAL at every clean stop, and while it grows again each commit's {@code fdatasync} must also
     * commit ext4's journal for the new size (WalSync); once it is reused from its start, a commit writes its
     * frames alone. A WAL of 4,000 pages took a quiet hall's kiosk days of growing after each restart, at about
     * twice the bytes per event on the card (docs/benchmarks.md, "What reaches the card").
     */
    static final int CHECKPOINT_PAGES = 256;
    static final long WAL_LIMIT_BYTES = 8L << 20;
    /** The page cache of the one connection (SQLite's default is 2 MiB). */
    static final int CACHE_KIB = 512;
    private static final long CONVERT_MAX_BYTES = 16L << 20;

    private final Path file;
    private final Clock clock;
    private final WalSync walSync;
    /** Fair: a writer committing in a loop must not starve the relay's page reads (or the other way round). */
    private final ReentrantLock lock = new ReentrantLock(true);
    private Connection connection;
    private Path quarantined;
    private Salvage salvage;
    private boolean salvageTried;
    private EventJournal journal = EventJournal.NONE;
    private final StorageHealth health = new StorageHealth(System::nanoTime);
    private final AtomicBoolean reportingRecovery = new AtomicBoolean();
    private final AtomicBoolean corruptionReported = new AtomicBoolean();
    private volatile Runnable onCorruption = () -> {};
    /** The domain transaction open on the lock holder's thread, or null. */
    private OpenTx current;

    public Database(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
        this.walSync = new WalSync(file);
    }

    public void open() {
        open(false);
    }

    /**
     * Opens the file; with {@code quarantineFirst} (SQLite reported corruption while the daemon ran) it is moved
     * aside and salvaged without asking {@code quick_check}, which may miss what a write ran into.
     */
    public void open(boolean quarantineFirst) {
        if (quarantineFirst && Files.exists(file)) {
            quarantine("SQLite reported corruption while running");
            execute("CREATE TABLE IF NOT EXISTS schema_version (component TEXT PRIMARY KEY, version INTEGER NOT NULL)");
            return;
        }
        try {
            connection = connect();
            String check = quickCheck(connection);
            if (!"ok".equals(check)) {
                quarantine("quick_check: " + check);
            } else {
                convertPageSize();
            }
        } catch (SQLException e) {
            // SQLITE_NOTADB / SQLITE_CORRUPT surface here before any check can run; anything else (locked,
            // read-only, disk full) says nothing about the file and must not move a healthy outbox aside
            if (!isCorruption(e)) {
                closeQuietly();
                throw StorageException.of("cannot open database " + file, e);
            }
            quarantine(e.getMessage());
        }
        execute("CREATE TABLE IF NOT EXISTS schema_version (component TEXT PRIMARY KEY, version INTEGER NOT NULL)");
    }

    /** The path the corrupt database was moved to at {@link #open()}, if that happened. */
    public Optional<Path> quarantined() {
        return Optional.ofNullable(quarantined);
    }

    /**
     * A reader of the file moved aside at {@link #open()}, for each component to take back what it can
     * (events, today's numbers, categories); empty when nothing was moved aside or the copy cannot be opened.
     */
    public synchronized Optional<Salvage> salvage() {
        if (!salvageTried && quarantined != null) {
            salvageTried = true;
            try {
                salvage = Salvage.open(quarantined);
            } catch (IOException | SQLException e) {
                log.error("cannot read the corrupt database {} for salvage: {}", quarantined, e.toString());
            }
        }
        return Optional.ofNullable(salvage);
    }

    /**
     * Copies back what is readable of a component's tables from the file moved aside (after {@link #migrate}
     * of that component, into its fresh tables). Returns the rows known to be lost (lookups that hit damaged
     * pages; {@link Long#MAX_VALUE} when a table was unreachable and the loss is unknown), 0 when nothing was
     * moved aside.
     */
    public long salvage(Migration component) {
        return salvage().map(old -> inTransaction(c -> {
            long read = 0;
            long lost = 0;
            for (String table : component.tables()) {
                Salvage.Found found = old.copy(table, c);
                read += found.read();
                lost = found.lostUnknown() || lost == Long.MAX_VALUE ? Long.MAX_VALUE : lost + found.unreadable();
            }
            log.warn("salvaged {} rows of {} from the corrupt database ({} unreadable)", read, component.component(),
                    lost == Long.MAX_VALUE ? "the rest" : lost);
            return lost;
        })).orElse(0L);
    }

    /** Every component took what it could: the salvage copy is removed (the quarantined file stays). */
    public synchronized void salvageDone() {
        if (salvage != null) {
            salvage.close();
            salvage = null;
        }
    }

    public Path file() {
        return file;
    }

    /**
     * Called once, on the failing thread and with the lock held, when SQLite reports corruption while running:
     * the listener must hand the recovery (stop, reopen with {@link #open(boolean)}) to another thread.
     */
    public void onCorruption(Runnable listener) {
        this.onCorruption = listener;
    }

    private void failed(StorageException e) {
        health.failed(e.kind());
        if (e.kind() == StorageException.Kind.CORRUPT && corruptionReported.compareAndSet(false, true)) {
            log.error("database {} reported corruption while running: {}", file, e.getMessage());
            try {
                onCorruption.run();
            } catch (RuntimeException listenerFailed) {
                log.error("corruption handler failed: {}", listenerFailed.toString());
            }
        }
    }

    /** Whether writes work, as the last transactions showed. */
    public StorageHealth health() {
        return health;
    }

    /** Where {@link Tx#append} records events; set once, before the first domain transaction. */
    public void journal(EventJournal journal) {
        this.journal = journal;
    }

    private Connection connect() throws SQLException {
        SqliteLibrary.prepare();
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        boolean wal;
        try (Statement s = c.createStatement()) {
            // SD card budget (docs/benchmarks.md, "Budget"): every commit appends each page it changed to the
            // WAL, so small pages mean fewer bytes per event; the page size only takes on a new file (an
            // older one is converted by convertPageSize). Normal locking on purpose: exclusive locking would
            // save the -shm writeback, but an operator's sqlite3 or an online .backup could no longer open the
            // file, and a corruption written beneath the daemon would go unseen by its cache.
            s.execute("PRAGMA page_size=" + PAGE_SIZE);
            wal = "wal".equalsIgnoreCase(pragmaText(s, "PRAGMA journal_mode=WAL"));
            // every commit is synced before it is reported done: nothing is acknowledged before it is on the
            // card. In WAL mode by WalSync after each commit (fdatasync, not SQLite's fsync), SQLite syncing
            // at checkpoints; otherwise by SQLite itself.
            s.execute(wal ? "PRAGMA synchronous=NORMAL" : "PRAGMA synchronous=FULL");
            s.execute("PRAGMA wal_autocheckpoint=" + CHECKPOINT_PAGES);
            // after a long outage's drain the WAL shrinks back to this (the file is reused, not regrown, below it)
            s.execute("PRAGMA journal_size_limit=" + WAL_LIMIT_BYTES);
            s.execute("PRAGMA cache_size=-" + CACHE_KIB);
            s.execute("PRAGMA foreign_keys=ON");
            s.execute("PRAGMA busy_timeout=5000");
        }
        c.setAutoCommit(true);
        if (wal) {
            walSync.attach(c); // otherwise synchronous=FULL: SQLite syncs each commit itself
        }
        return c;
    }

    private static String pragmaText(Statement s, String pragma) throws SQLException {
        try (ResultSet rs = s.executeQuery(pragma)) {
            return rs.next() ? rs.getString(1) : "";
        }
    }

    /**
     * A database created before the page size was lowered is rebuilt once with the small pages (VACUUM
     * under a rollback journal, so a power cut in the middle leaves the old file); a large one (an outage's
     * backlog) keeps its pages rather than stall the start.
     */
    private void convertPageSize() throws SQLException {
        try (Statement s = connection.createStatement()) {
            long pageSize;
            try (ResultSet rs = s.executeQuery("PRAGMA page_size")) {
                pageSize = rs.next() ? rs.getLong(1) : PAGE_SIZE;
            }
            long bytes = file.toFile().length();
            if (pageSize == PAGE_SIZE || bytes > CONVERT_MAX_BYTES) {
                return;
            }
            s.execute("PRAGMA synchronous=FULL"); // SQLite syncs the rollback journal and the file itself
            s.execute("PRAGMA journal_mode=DELETE");
            s.execute("PRAGMA page_size=" + PAGE_SIZE);
            s.execute("VACUUM");
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=NORMAL");
            log.info("database {} rebuilt with {}-byte pages (was {})", file.getFileName(), PAGE_SIZE, pageSize);
        }
    }

    /** SQLITE_CORRUPT (11) and SQLITE_NOTADB (26), including their extended codes. */
    static boolean isCorruption(SQLException e) {
        return StorageException.kindOf(e) == StorageException.Kind.CORRUPT;
    }

    private static String quickCheck(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA quick_check")) {
            return rs.next() ? rs.getString(1) : "no answer";
        }
    }

    private void quarantine(String reason) {
        closeQuietly();
        Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + STAMP.format(clock.instant()));
        log.error("database {} is corrupt ({}); moved aside to {} and starting a fresh one", file, reason, aside);
        try {
            Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
            for (String suffix : new String[] {"-wal", "-shm"}) {
                Path side = file.resolveSibling(file.getFileName() + suffix);
                if (Files.exists(side)) {
                    Files.move(side, aside.resolveSibling(aside.getFileName() + suffix), StandardCopyOption.ATOMIC_MOVE);
                }
            }
            quarantined = aside;
            connection = connect();
        } catch (IOException e) {
            throw StorageException.of("cannot replace corrupt database " + file, e);
        } catch (SQLException e) {
            throw StorageException.of("cannot replace corrupt database " + file, e);
        }
    }

    /** Brings a component's schema to its latest version; each step runs in its own transaction. */
    public void migrate(Migration migration) {
        int current = version(migration.component());
        for (int step = current; step < migration.steps().size(); step++) {
            final int next = step + 1;
            String sql = migration.steps().get(step);
            inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    for (String part : sql.split(";\\s*\\n")) {
                        if (!part.isBlank()) {
                            s.execute(part);
                        }
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO schema_version(component, version) VALUES(?, ?) "
                                + "ON CONFLICT(component) DO UPDATE SET version = excluded.version")) {
                    ps.setString(1, migration.component());
                    ps.setInt(2, next);
                    ps.executeUpdate();
                }
                return null;
            });
            log.info("schema {} migrated to version {}", migration.component(), next);
        }
    }

    private int version(String component) {
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT version FROM schema_version WHERE component = ?")) {
                ps.setString(1, component);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getInt(1) : 0;
                }
            }
        });
    }

    /**
     * The domain's transaction: {@code work} changes its own tables on {@link Tx#connection()} and appends
     * events, all in one commit; nested calls join the outer one. After a commit the {@link Tx#afterCommit}
     * actions run, then the journal hears of it; on any failure everything is rolled back and the exception
     * (a {@link StorageException} for SQLite's own errors) reaches the caller.
     */
    public <T> T transaction(SqlWork<T> work) {
        if (inTransactionNow()) {
            return inTransaction(c -> {
                if (current == null) {
                    throw new IllegalStateException("a domain transaction cannot be nested in raw connection work");
                }
                return work.run(current);
            });
        }
        List<Runnable> after = new ArrayList<>();
        Runnable[] committed = new Runnable[1];
        OpenTx[] tx = new OpenTx[1];
        T result;
        try {
            result = inTransaction(c -> {
                journal.begin();
                current = new OpenTx(c, after);
                tx[0] = current;
                try {
                    T value = work.run(current);
                    committed[0] = journal.committing();
                    return value;
                } finally {
                    current = null;
                }
            }, () -> journal.rolledBack());
        } catch (RuntimeException e) {
            journal.failed(e);
            throw e;
        }
        after.forEach(Database::runQuietly);
        runQuietly(committed[0]);
        if (tx[0].appended > 0 && health.degraded()) {
            reportRecovery();
        }
        return result;
    }

    /**
     * While writes are failing, tries one: the {@code storage} alert that ends the episode (how long it
     * lasted, what was refused). Called after every commit that wrote while degraded, and by the heartbeat.
     */
    public void checkStorage() {
        if (health.degraded()) {
            reportRecovery();
        }
    }

    private void reportRecovery() {
        if (!reportingRecovery.compareAndSet(false, true)) {
            return;
        }
        try {
            transaction(tx -> {
                StorageHealth.Episode e = health.current().orElse(null);
                if (e != null) {
                    tx.append(EventType.ALERT, storageAlert(e));
                    tx.afterCommit(() -> {
                        health.recovered();
                        log.warn("storage works again after {} s ({}): {} tickets and {} ratings were refused",
                                e.failedForMs() / 1000, e.problem().word(), e.ticketsRefused(), e.ratingsRefused());
                    });
                }
                return null;
            });
        } catch (RuntimeException stillFailing) {
            // the episode goes on; the next write or heartbeat tries again
        } finally {
            reportingRecovery.set(false);
        }
    }

    private static ObjectNode storageAlert(StorageHealth.Episode e) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("kind", "storage");
        data.put("message", "local storage failed (" + e.problem().word() + ") for " + e.failedForMs() / 1000
                + " s and works again; refused meanwhile: " + e.ticketsRefused() + " tickets, " + e.ratingsRefused()
                + " ratings");
        data.put("problem", e.problem().word());
        data.put("failedForS", e.failedForMs() / 1000);
        data.put("ticketsRefused", e.ticketsRefused());
        data.put("ratingsRefused", e.ratingsRefused());
        return data;
    }

    private static void runQuietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            log.warn("after-commit action failed: {}", e.toString());
        }
    }

    private final class OpenTx implements Tx {
        private final Connection c;
        private final List<Runnable> after;
        private int appended;

        OpenTx(Connection c, List<Runnable> after) {
            this.c = c;
            this.after = after;
        }

        @Override
        public Connection connection() {
            return c;
        }

        @Override
        public Event append(EventType type, ObjectNode data) {
            try {
                appended++;
                return journal.append(c, type, data);
            } catch (SQLException e) {
                throw StorageException.of("append " + type.wireName(), e);
            }
        }

        @Override
        public void afterCommit(Runnable action) {
            after.add(action);
        }
    }

    /** Work on the raw connection inside one transaction; joins the caller's transaction when nested. */
    public <T> T inTransaction(ConnectionWork<T> work) {
        return inTransaction(work, () -> {});
    }

    /**
     * As {@link #inTransaction(ConnectionWork)}; {@code onRollback} runs after a rollback while the lock is
     * still held, so in-memory state mirroring the database is restored before anyone else can see it.
     */
    public <T> T inTransaction(ConnectionWork<T> work, Runnable onRollback) {
        lock.lock();
        try {
            if (lock.getHoldCount() > 1) {
                return work.run(connection);
            }
            connection.setAutoCommit(false);
            T result;
            try {
                result = work.run(connection);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException alreadyRolledBack) {
                    // SQLITE_FULL and I/O errors may roll the transaction back by themselves
                    e.addSuppressed(alreadyRolledBack);
                } finally {
                    onRollback.run();
                }
                restoreAutoCommit(e);
                throw e;
            }
            restoreAutoCommit(null);
            walSync.afterCommit();
            return result;
        } catch (SQLException e) {
            StorageException failure = StorageException.of("database " + file.getFileName(), e);
            failed(failure);
            throw failure;
        } catch (StorageException e) {
            failed(e);
            throw e;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Back to autocommit after a transaction. When that fails (the driver issues a COMMIT, and SQLite may
     * already have rolled back after SQLITE_FULL) the connection's state is unknown: it is replaced, and
     * the failure never hides the one that ended the transaction.
     */
    private void restoreAutoCommit(Exception failure) throws SQLException {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            if (failure != null) {
                failure.addSuppressed(e);
            }
            closeQuietly();
            connection = connect();
            if (failure == null) {
                throw e;
            }
        }
    }

    /** True while the calling thread is inside {@link #inTransaction}. */
    public boolean inTransactionNow() {
        return lock.isHeldByCurrentThread();
    }

    private void execute(String sql) {
        inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            }
            return null;
        });
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closeQuietly();
        } finally {
            lock.unlock();
        }
    }

    private void closeQuietly() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                log.warn("closing {}: {}", file, e.getMessage());
            }
            connection = null;
        }
    }

    @FunctionalInterface
    public interface ConnectionWork<T> {
        T run(Connection connection) throws SQLException;
    }
}

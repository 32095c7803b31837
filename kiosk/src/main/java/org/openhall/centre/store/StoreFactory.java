package org.openhall.centre.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** Opens the store: SQLite in the data directory when no URL is given, else PostgreSQL; migrates either first. */
public final class StoreFactory {
    private StoreFactory() {}

    /**
     * SQLite file {@code dataDir/centre.db}: WAL, synchronous FULL (a committed batch survives power loss), its WAL
     * checkpointed by a thread of its own ({@link WalCheckpointer}) rather than inside the committing connections.
     * For measurements only, {@code -Dcentre.sqlite.checkpointer=false} restores SQLite's automatic checkpoints.
     */
    public static CentreStore sqlite(Path dataDir) {
        return Boolean.parseBoolean(System.getProperty("centre.sqlite.checkpointer", "true"))
                ? sqlite(dataDir, Long.getLong("centre.sqlite.checkpointMs", CHECKPOINT_MS),
                        Long.getLong("centre.sqlite.restartPages", RESTART_PAGES))
                : sqlite(dataDir, 0, 0);
    }

    /** Every half second, while anything is written, the WAL is checkpointed. */
    static final long CHECKPOINT_MS = 500;
    /** At 8,192 frames (32 MiB with SQLite's 4 KiB pages), a RESTART checkpoint makes the WAL start over. */
    static final long RESTART_PAGES = 8_192;
    /** The WAL file is cut back to this when it starts over after a spike. */
    static final long WAL_SIZE_LIMIT = 64L << 20;

    /** {@code periodMs} 0: no checkpointer, SQLite's automatic checkpoints (every 1,000 pages, in the committing connection). */
    static CentreStore sqlite(Path dataDir, long periodMs, long restartPages) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new StoreException("cannot create " + dataDir + ": " + e.getMessage(), e);
        }
        String url = "jdbc:sqlite:" + dataDir.resolve("centre.db");
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(15_000);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        if (periodMs > 0) {
            config.setPragma(SQLiteConfig.Pragma.WAL_AUTOCHECKPOINT, "0");
            config.setJournalSizeLimit((int) WAL_SIZE_LIMIT);
        }
        SQLiteDataSource sqlite = new SQLiteDataSource(config);
        sqlite.setUrl(url);
        HikariConfig pool = new HikariConfig();
        pool.setDataSource(sqlite);
        pool.setPoolName("centre-sqlite");
        pool.setMaximumPoolSize(4);
        pool.setAutoCommit(true);
        HikariDataSource ds = new HikariDataSource(pool);
        migrate(ds, Dialect.SQLITE);
        if (periodMs <= 0) {
            return new JdbcCentreStore(ds, Dialect.SQLITE);
        }
        SQLiteConfig own = new SQLiteConfig();
        own.setJournalMode(SQLiteConfig.JournalMode.WAL);
        own.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        // a RESTART checkpoint holds the write lock while it waits for readers: ingest waits at most this long for it
        own.setBusyTimeout(2_000);
        own.setPragma(SQLiteConfig.Pragma.WAL_AUTOCHECKPOINT, "0");
        SQLiteDataSource checkpoints = new SQLiteDataSource(own);
        checkpoints.setUrl(url);
        AtomicLong commits = new AtomicLong();
        ReadWriteLock gate = new ReentrantReadWriteLock(true);
        WalCheckpointer checkpointer = new WalCheckpointer(checkpoints::getConnection, commits, gate.writeLock(), periodMs,
                restartPages).start();
        return new JdbcCentreStore(ds, Dialect.SQLITE, commits, gate, checkpointer);
    }

    public static CentreStore postgresql(String url, String username, String password) {
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(url);
        pool.setUsername(username);
        pool.setPassword(password);
        pool.setPoolName("centre-postgresql");
        pool.setMaximumPoolSize(6);
        pool.setInitializationFailTimeout(10_000);
        // A batch of single-row INSERT ... VALUES goes to the server as multi-row inserts (a sixth faster ingest,
        // CentreBench, store alone); its update counts are then unknown (-2), so no batched INSERT ... VALUES may rely on them.
        pool.addDataSourceProperty("reWriteBatchedInserts", "true");
        return open(new HikariDataSource(pool), Dialect.POSTGRESQL);
    }

    private static CentreStore open(HikariDataSource pool, Dialect dialect) {
        migrate(pool, dialect);
        return new JdbcCentreStore(pool, dialect);
    }

    private static void migrate(HikariDataSource pool, Dialect dialect) {
        try {
            // out of order: each part numbers its migrations in its own range (store V1-V49, reports V50-V79, parcels
            // V80-V99), so a new one in a lower range comes after a higher one was applied (MigrationOrderTest)
            Flyway.configure().dataSource(pool).locations(dialect.migrationLocation()).outOfOrder(true).load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw new StoreException("database migration failed: " + e.getMessage(), e);
        }
    }
}

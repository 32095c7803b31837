package org.openhall.centre.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** Opens the store: SQLite in the data directory when no URL is given, else PostgreSQL; migrates either first. */
public final class StoreFactory {
    private StoreFactory() {}

    /** SQLite file {@code dataDir/centre.db}: WAL, synchronous FULL (a committed batch survives power loss). */
    public static CentreStore sqlite(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new StoreException("cannot create " + dataDir + ": " + e.getMessage(), e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(15_000);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource sqlite = new SQLiteDataSource(config);
        sqlite.setUrl("jdbc:sqlite:" + dataDir.resolve("centre.db"));
        HikariConfig pool = new HikariConfig();
        pool.setDataSource(sqlite);
        pool.setPoolName("centre-sqlite");
        pool.setMaximumPoolSize(4);
        pool.setAutoCommit(true);
        return open(new HikariDataSource(pool), Dialect.SQLITE);
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
        try {
            // out of order: each part numbers its migrations in its own range (store V1-V49, reports V50-V79, parcels
            // V80-V99), so a new one in a lower range comes after a higher one was applied (MigrationOrderTest)
            Flyway.configure().dataSource(pool).locations(dialect.migrationLocation()).outOfOrder(true).load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw new StoreException("database migration failed: " + e.getMessage(), e);
        }
        return new JdbcCentreStore(pool, dialect);
    }
}

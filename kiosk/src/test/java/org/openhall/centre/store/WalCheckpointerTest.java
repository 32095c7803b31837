package org.openhall.centre.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.openhall.centre.testing.Envelopes.T0;
import static org.openhall.centre.testing.Envelopes.rating;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite store's own WAL checkpointer: it keeps the WAL bounded, loses nothing, stops on close, logs failures once. */
class WalCheckpointerTest {
    private static final KioskId K1 = new KioskId("wuquan", "wq-01");
    private static final KioskId K2 = new KioskId("wuquan", "wq-02");

    @TempDir
    Path dir;

    @Test
    void keepsTheWalBoundedUnderSustainedIngestAndTheDataSurvivesAReopen() throws Exception {
        Path wal = dir.resolve("centre.db-wal");
        int batches = 120;
        int perKiosk = 250;
        long maxWal = 0;
        // a RESTART at 256 frames (1 MiB); the ingest below writes some 40 MiB of WAL, which autocheckpoint=0 alone would keep
        try (CentreStore store = StoreFactory.sqlite(dir, 20, 256)) {
            int autocheckpoint = store.inTransaction(tx -> {
                try (Statement s = tx.connection().createStatement(); ResultSet rs = s.executeQuery("PRAGMA wal_autocheckpoint")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertThat(autocheckpoint).as("ingest connections leave checkpoints to the checkpointer").isZero();
            for (int b = 0; b < batches; b++) {
                List<Envelope> events = new ArrayList<>();
                long from = (long) b * perKiosk + 1;
                for (long s = from; s < from + perKiosk; s++) {
                    events.add(rating(K1.site(), K1.kiosk(), s));
                    events.add(rating(K2.site(), K2.kiosk(), s));
                }
                store.ingest(new IngestBatch(events, List.of(), T0));
                maxWal = Math.max(maxWal, Files.exists(wal) ? Files.size(wal) : 0);
            }
            assertThat(threadAlive()).isTrue();
        }
        assertThat(maxWal).as("largest WAL file during ingest").isPositive().isLessThan(8L << 20);
        assertThat(threadAlive()).as("checkpointer thread after close").isFalse();
        long total = (long) batches * perKiosk;
        try (CentreStore again = StoreFactory.sqlite(dir)) {
            for (KioskId k : List.of(K1, K2)) {
                Completeness c = again.completeness(k);
                assertThat(c.received()).isEqualTo(total);
                assertThat(c.last()).isEqualTo(total);
                assertThat(c.missing()).isEmpty();
            }
        }
    }

    @Test
    void failuresAreLoggedOncePerEpisodeAndRetriedEveryPeriodNotInALoop() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("c.db");
        try (var c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("CREATE TABLE t (x)");
        }
        AtomicBoolean broken = new AtomicBoolean(true);
        AtomicInteger opens = new AtomicInteger();
        AtomicLong writes = new AtomicLong(1);
        List<java.sql.Connection> opened = new CopyOnWriteArrayList<>();
        List<String> warnings = new CopyOnWriteArrayList<>();
        WalCheckpointer checkpointer = new WalCheckpointer(() -> {
            opens.incrementAndGet();
            if (broken.get()) {
                throw new SQLException("[SQLITE_IOERR] disk I/O error");
            }
            java.sql.Connection c = DriverManager.getConnection(url);
            opened.add(c);
            return c;
        }, writes, new java.util.concurrent.locks.ReentrantLock(), 50, 1_000, warnings::add).start();
        try {
            Thread.sleep(600);
            assertThat(warnings).hasSize(1).first().asString().contains("disk I/O error");
            assertThat(opens.get()).as("attempts in 600 ms at one per 50 ms").isBetween(2, 14);

            broken.set(false);
            await().atMost(Duration.ofSeconds(10)).until(() -> checkpointer.rounds() > 0);
            long rounds = checkpointer.rounds();
            Thread.sleep(300);
            assertThat(checkpointer.rounds()).as("no writes, no rounds").isEqualTo(rounds);
            assertThat(warnings).hasSize(1);

            // a second episode: the connection in hand breaks, and so do the fresh ones; one more line, not one a retry
            broken.set(true);
            opened.getLast().close();
            int before = opens.get();
            writes.incrementAndGet();
            await().atMost(Duration.ofSeconds(10)).until(() -> opens.get() >= before + 3);
            assertThat(warnings).hasSize(2);
            assertThat(checkpointer.rounds()).isEqualTo(rounds);
        } finally {
            checkpointer.close();
        }
        assertThat(checkpointer.alive()).isFalse();
    }

    private static boolean threadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("centre-wal-checkpointer") && t.isAlive());
    }
}

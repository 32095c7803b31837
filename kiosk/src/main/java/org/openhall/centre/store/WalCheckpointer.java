package org.openhall.centre.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoints the SQLite store's WAL on a thread and connection of its own, so that the ingest transactions,
 * whose connections run with {@code wal_autocheckpoint=0}, commit without copying pages into the database file
 * and fsyncing it (SQLite runs an automatic checkpoint inside the committing connection). Durability is
 * untouched: a commit is durable once its WAL frames are fsynced ({@code synchronous=FULL}); a checkpoint only
 * moves committed pages into the main file, and after a kill the next open replays whatever WAL is left.
 *
 * <p>Every {@code periodMs}, and only when a write transaction committed since the last round (an idle centre
 * does nothing), it runs {@code PASSIVE} checkpoints, which never block writers or readers. A PASSIVE checkpoint
 * that overlaps commits leaves the newest frames behind, so the WAL cannot start over and would grow for as
 * long as ingest lasts: when it holds {@code restartPages} frames or more, a {@code RESTART} checkpoint
 * follows: it waits for the store's transactions in hand, holds off new ones (at a gate in the store, since SQLite's
 * own locks would let a back-to-back writer starve it) while it copies the few frames the PASSIVE
 * ones left, and makes the next writer start the WAL over from its beginning. The file keeps its size (writing
 * over it is cheaper than growing it again, which TRUNCATE would make every writer do); the store's
 * {@code journal_size_limit} cuts it back after a spike. A failure is logged once per episode (until a round succeeds) and the
 * round is retried at the next period, on a fresh connection.
 */
final class WalCheckpointer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WalCheckpointer.class);

    /** Opens the checkpointer's own connection. */
    @FunctionalInterface
    interface ConnectionSource {
        Connection open() throws SQLException;
    }

    /** The result of one {@code PRAGMA wal_checkpoint}: busy flag, frames in the WAL, frames checkpointed. */
    record Result(boolean busy, long walFrames, long checkpointed) {}

    private final ConnectionSource source;
    private final long periodMs;
    private final long restartPages;
    private final Consumer<String> warn;
    private final AtomicLong writes;
    private final Lock writers;
    private final Thread thread;
    private final Object lock = new Object();
    private boolean closed;
    private Connection connection;
    private long seenWrites = -1;
    private boolean failing;
    private volatile long rounds;
    private volatile long restarts;

    /** How long a RESTART waits for the store's transactions in hand to end before it gives up for this round. */
    private static final long GATE_WAIT_MS = 2_000;

    /**
     * {@code writes} counts the store's committed transactions; {@code writers} is the exclusive side of the gate
     * the store's transactions pass on their shared side (a fair lock, so that a waiting RESTART holds off new ones).
     */
    WalCheckpointer(ConnectionSource source, AtomicLong writes, Lock writers, long periodMs, long restartPages) {
        this(source, writes, writers, periodMs, restartPages, log::warn);
    }

    WalCheckpointer(ConnectionSource source, AtomicLong writes, Lock writers, long periodMs, long restartPages,
            Consumer<String> warn) {
        this.source = source;
        this.writes = writes;
        this.writers = writers;
        this.periodMs = periodMs;
        this.restartPages = restartPages;
        this.warn = warn;
        this.thread = Thread.ofPlatform().name("centre-wal-checkpointer").daemon(true).unstarted(this::loop);
    }

    WalCheckpointer start() {
        thread.start();
        return this;
    }

    /** Rounds that checkpointed, and how many of them ended with a RESTART (for tests). */
    long rounds() {
        return rounds;
    }

    long restarts() {
        return restarts;
    }

    boolean alive() {
        return thread.isAlive();
    }

    private void loop() {
        try {
            while (await()) {
                long now = writes.get();
                if (now == seenWrites) {
                    continue;
                }
                try {
                    round();
                    seenWrites = now;
                    if (failing) {
                        failing = false;
                        log.debug("WAL checkpoints work again");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (SQLException | RuntimeException e) {
                    closeConnection();
                    if (!failing) {
                        failing = true;
                        warn.accept("WAL checkpoint failed (retried every " + periodMs + " ms, logged again only after"
                                + " one succeeds): " + e.getMessage());
                    }
                }
            }
        } finally {
            closeConnection();
        }
    }

    /** Waits one period; false once closed. */
    private boolean await() {
        synchronized (lock) {
            long deadline = System.nanoTime() + periodMs * 1_000_000;
            while (!closed) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return true;
                }
                try {
                    lock.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return false;
        }
    }

    private void round() throws SQLException, InterruptedException {
        if (connection == null) {
            connection = source.open();
        }
        // PASSIVE until it has caught up or stops gaining (each pass copies what came in during the one before)
        Result r = checkpoint("PASSIVE");
        for (int i = 0; i < 3 && !r.busy() && r.checkpointed() < r.walFrames(); i++) {
            long left = r.walFrames() - r.checkpointed();
            r = checkpoint("PASSIVE");
            if (r.walFrames() - r.checkpointed() >= left) {
                break;
            }
        }
        if (r.walFrames() >= restartPages) {
            // SQLite's locks are not fair: a writer that commits back to back takes the write lock again before the
            // RESTART's busy handler wakes, so the store's transactions wait at this gate while it runs
            if (writers.tryLock(GATE_WAIT_MS, TimeUnit.MILLISECONDS)) {
                try {
                    checkpoint("RESTART");
                    restarts++;
                } finally {
                    writers.unlock();
                }
            }
        }
        rounds++;
    }

    private Result checkpoint(String mode) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(" + mode + ")")) {
            rs.next();
            return new Result(rs.getInt(1) != 0, rs.getLong(2), rs.getLong(3));
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the connection is gone either way
            }
            connection = null;
        }
    }

    /** Stops the thread (after the round in hand, if any) and closes its connection. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        if (Thread.currentThread() != thread) {
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

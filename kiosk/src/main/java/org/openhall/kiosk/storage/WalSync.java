package org.openhall.kiosk.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import org.sqlite.SQLiteCommitListener;
import org.sqlite.SQLiteConnection;

/**
 * Makes each commit durable with {@code fdatasync} of the WAL instead of SQLite's {@code fsync}.
 *
 * <p>The SQLite inside sqlite-jdbc is built without {@code HAVE_FDATASYNC}, so {@code synchronous=FULL} calls
 * {@code fsync} at every commit, and on ext4 every {@code fsync} commits a journal transaction for the WAL's
 * new modification time: four or five 4 KiB blocks on the card for a commit whose own data is one or two
 * (docs/benchmarks.md, "What reaches the card"). So the connection runs {@code synchronous=NORMAL}, with
 * which SQLite keeps the WAL consistent and syncs it and the database at every checkpoint but not at a
 * commit, and {@link #afterCommit} syncs the WAL's data (and its size) after each commit that wrote,
 * before the commit is reported to anyone. That is what SQLite's FULL does, in SQLite's own way where
 * {@code fdatasync} is available. A connection's first sync also syncs the WAL's directory, as SQLite does
 * for a new journal, so that a power cut cannot take the file's name away.
 *
 * <p>A sync that fails is thrown as a {@link StorageException}: the transaction is reported failed though
 * its rows stay committed (the outbox keeps their seqs and still sends their events), since nothing may be
 * told it succeeded before it is on the card.
 */
final class WalSync implements SQLiteCommitListener {
    private final Path database;
    private final Path wal;
    private final Path dir;
    /** Set by SQLite's commit hook, which runs only for a transaction that wrote, on the committing thread. */
    private boolean wrote;
    /** Whether the directory holding this connection's WAL has been synced since the WAL was made. */
    private boolean directorySynced;

    WalSync(Path database) {
        this.database = database.toAbsolutePath();
        this.wal = this.database.resolveSibling(this.database.getFileName() + "-wal");
        this.dir = this.database.getParent();
    }

    /**
     * Hooks into {@code c}'s commits; {@code c} must be in WAL mode with {@code synchronous=NORMAL}. A new
     * connection may make a new WAL (SQLite deletes it when the last connection closes, and when the page
     * size conversion leaves WAL mode): its directory is synced again at its first commit. While the
     * connection is open the WAL file stays the same one.
     */
    void attach(Connection c) throws SQLException {
        c.unwrap(SQLiteConnection.class).addCommitListener(this);
        directorySynced = false;
        wrote = false;
    }

    @Override
    public void onCommit() {
        wrote = true;
    }

    @Override
    public void onRollback() {
        wrote = false;
    }

    /** After a successful commit, under the database lock: the commit is on the card when this returns. */
    void afterCommit() {
        if (!wrote) {
            return;
        }
        try (FileChannel ch = FileChannel.open(wal, StandardOpenOption.READ)) {
            ch.force(false);
            if (!directorySynced) {
                try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                    d.force(true);
                }
                directorySynced = true;
            }
            wrote = false;
        } catch (NoSuchFileException gone) {
            syncDatabase(); // no WAL by that name (gone beneath the daemon): the database file at least
        } catch (IOException e) {
            throw StorageException.of("cannot sync " + wal.getFileName(), e);
        }
    }

    private void syncDatabase() {
        try (FileChannel ch = FileChannel.open(database, StandardOpenOption.READ)) {
            ch.force(true);
            wrote = false;
        } catch (IOException e) {
            throw StorageException.of("cannot sync " + database.getFileName(), e);
        }
    }
}

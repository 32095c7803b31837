package org.openhall.kiosk.storage;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Locale;
import org.openhall.kiosk.refusals.Refusal;
import org.openhall.kiosk.refusals.RefusedException;

/**
 * The local database (or a file beside it) failed; the work in hand was rolled back. {@link #kind()} says
 * why, from SQLite's result code: a full file system refuses with {@code storage_full}, anything else
 * (I/O error, read-only, locked too long, corrupt) with {@code storage_failing}.
 */
public final class StorageException extends RefusedException {
    /** What went wrong, as far as it matters to the kiosk. */
    public enum Kind {
        /** SQLITE_FULL, or ENOSPC on a file beside the database: frees up by itself once the disk has room. */
        FULL,
        /** SQLITE_BUSY / SQLITE_LOCKED: another process held the lock past the busy timeout. */
        BUSY,
        /** SQLITE_CORRUPT / SQLITE_NOTADB: the file must be moved aside and salvaged. */
        CORRUPT,
        /** SQLITE_IOERR, SQLITE_READONLY, SQLITE_CANTOPEN and the rest. */
        FAILING
    }

    private final Kind kind;

    public StorageException(Kind kind, String message, Throwable cause) {
        super(kind == Kind.FULL ? Refusal.STORAGE_FULL : Refusal.STORAGE_FAILING, message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static StorageException of(String what, SQLException e) {
        return new StorageException(kindOf(e), what + ": " + e.getMessage(), e);
    }

    public static StorageException of(String what, IOException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        Kind kind = m.contains("no space left") || m.contains("quota") ? Kind.FULL : Kind.FAILING;
        return new StorageException(kind, what + ": " + e, e);
    }

    /** The SQLite primary result code decides; the JDBC driver puts the extended code in the error code. */
    static Kind kindOf(SQLException e) {
        return switch (e.getErrorCode() & 0xff) {
            case 13 -> Kind.FULL;
            case 5, 6 -> Kind.BUSY;
            case 11, 26 -> Kind.CORRUPT;
            default -> Kind.FAILING;
        };
    }
}

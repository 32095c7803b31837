package org.openhall.kiosk.storage;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;

/**
 * The child JVM of {@link WalSyncIT}, run under {@code strace}: opens a new database and runs two writing
 * transactions, a reading one and the close, printing "MARK name" before each and "MARK end" after, so the
 * trace shows which syncs each one made.
 */
public final class WalSyncDriver {
    private WalSyncDriver() {}

    public static void main(String[] args) {
        Database db = new Database(Path.of(args[0]), Clock.systemUTC());
        mark("open"); // a new file: its first commit (the schema_version table) makes the WAL
        db.open();
        mark("end");
        mark("first-write");
        write(db, "CREATE TABLE t (x TEXT)");
        mark("end");
        mark("second-write");
        write(db, "INSERT INTO t VALUES ('a')");
        mark("end");
        mark("read");
        long rows = db.inTransaction(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        });
        mark("end");
        mark("close");
        db.close();
        mark("end");
        System.out.println("ROWS " + rows);
    }

    private static void write(Database db, String sql) {
        db.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            }
            return null;
        });
    }

    private static void mark(String name) {
        System.out.print("MARK " + name + "\n");
        System.out.flush();
    }
}

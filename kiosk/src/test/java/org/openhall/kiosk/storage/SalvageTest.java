package org.openhall.kiosk.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SalvageTest {
    @TempDir
    Path tmp;

    /** A file like a kiosk's: 1 KiB pages and a schema too long for the first page. */
    private Path database() throws Exception {
        Path db = tmp.resolve("old.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("PRAGMA page_size = 1024");
            for (int t = 0; t < 12; t++) {
                s.execute("CREATE TABLE t" + t + " (id INTEGER PRIMARY KEY, a_rather_long_column_name_" + t
                        + " TEXT NOT NULL, another_rather_long_column_name TEXT, yet_another_column INTEGER)");
            }
            for (int i = 0; i < 50; i++) {
                s.execute("INSERT INTO t0 VALUES (" + i + ", 'row " + i + "', NULL, " + i + ")");
            }
        }
        return db;
    }

    private Connection fresh() throws Exception {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("new.db"));
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t0 (id INTEGER PRIMARY KEY, a_rather_long_column_name_0 TEXT NOT NULL,"
                    + " another_rather_long_column_name TEXT, yet_another_column INTEGER)");
        }
        return c;
    }

    @Test
    void aReadableFileGivesBackEveryRowAndNothingLost() throws Exception {
        Path db = database();
        try (Salvage old = Salvage.open(db); Connection target = fresh()) {
            Salvage.Found found = old.copy("t0", target);
            assertThat(found).isEqualTo(new Salvage.Found(50, 0));
            assertThat(old.copy("never_created", target)).isEqualTo(Salvage.Found.NONE);
            try (Statement s = target.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t0")) {
                assertThat(rs.getInt(1)).isEqualTo(50);
            }
        }
    }

    @Test
    void aDamagedSchemaMakesEveryTableUnreachableNotAbsent() throws Exception {
        Path db = database();
        try (RandomAccessFile f = new RandomAccessFile(db.toFile(), "rw")) {
            f.seek(1024); // every page after the first: the schema's leaves are among them
            f.write(new byte[(int) f.length() - 1024]);
        }
        try (Salvage old = Salvage.open(db); Connection target = fresh()) {
            assertThat(old.presence("t0")).isEqualTo(Salvage.Presence.UNREADABLE);
            Salvage.Found found = old.copy("t0", target);
            assertThat(found.lostUnknown()).isTrue();
            assertThat(old.rows("never_created", "1", r -> { }).lostUnknown()).isTrue();
        }
    }
}

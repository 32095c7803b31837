package org.openhall.kiosk.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SalvageSkipTest {
    private static final LocalDate DAY = LocalDate.of(2026, 12, 2);
    private final SalvageSkip skip = new SalvageSkip("state", "numbered");
    private Connection c;

    @TempDir
    Path tmp;

    @BeforeEach
    void open() throws Exception {
        c = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("skip.db"));
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE numbered (id TEXT PRIMARY KEY, service_day TEXT NOT NULL, ordinal INTEGER NOT NULL)");
            s.execute("CREATE TABLE state (name TEXT PRIMARY KEY, value TEXT NOT NULL)");
        }
    }

    @AfterEach
    void close() throws Exception {
        c.close();
    }

    @Test
    void numbersSkipTheLossOnceThenRunOnOneByOne() throws Exception {
        for (int i = 1; i <= 5; i++) {
            insert(DAY, i);
        }
        skip.record(c, DAY, 3);
        assertThat(next(DAY)).as("5 kept, 3 may be lost").isEqualTo(9);
        insert(DAY, 9);
        assertThat(next(DAY)).isEqualTo(10);
        insert(DAY, 10);
        assertThat(next(DAY)).isEqualTo(11);
    }

    @Test
    void anUnknownLossSkipsToAThousandAndOtherDaysAreUntouched() throws Exception {
        insert(DAY.minusDays(1), 40);
        skip.record(c, DAY, Long.MAX_VALUE);
        assertThat(next(DAY)).isEqualTo(1000);
        insert(DAY, 1000);
        assertThat(next(DAY)).isEqualTo(1001);
        assertThat(skip.on(c, DAY.plusDays(1))).isEqualTo(SalvageSkip.Skip.NONE);
        assertThat(SalvageSkip.Skip.NONE.next(7, 7)).isEqualTo(8);
    }

    @Test
    void nothingLostRecordsNothing() throws Exception {
        insert(DAY, 1);
        skip.record(c, DAY, 0);
        assertThat(skip.on(c, DAY)).isEqualTo(SalvageSkip.Skip.NONE);
        assertThat(next(DAY)).isEqualTo(2);
    }

    private void insert(LocalDate day, int ordinal) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO numbered VALUES (?, ?, ?)")) {
            ps.setString(1, day + "-" + ordinal);
            ps.setString(2, day.toString());
            ps.setInt(3, ordinal);
            ps.executeUpdate();
        }
    }

    private int next(LocalDate day) throws Exception {
        return skip.nextOrdinal(c, day, null);
    }
}

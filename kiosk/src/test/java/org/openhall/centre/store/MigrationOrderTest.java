package org.openhall.centre.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each part of the centre numbers its migrations in its own range (store V1-V49, reports V50-V79, parcels
 * V80-V99), so a new one in a lower range arrives after a higher one was applied: a database made before
 * V52 existed is at V80 and must still get V52.
 */
class MigrationOrderTest {
    @TempDir
    Path dir;

    @Test
    void aMigrationAddedBelowTheLatestAppliedIsStillApplied() throws Exception {
        Path old = Files.createDirectories(dir.resolve("old-migrations"));
        for (String name : List.of("V1__centre_store.sql", "V2__presence_per_connection.sql", "V50__reports_and_cases.sql",
                "V51__drop_report_ratings_by_day.sql", "V80__parcels.sql")) {
            try (var in = getClass().getResourceAsStream("/db/migration/sqlite/" + name)) {
                Files.copy(in, old.resolve(name));
            }
        }
        Path data = Files.createDirectories(dir.resolve("data"));
        String url = "jdbc:sqlite:" + data.resolve("centre.db");
        Flyway.configure().dataSource(url, null, null).locations("filesystem:" + old).load().migrate();
        assertThat(tables(url)).contains("report_ratings");

        StoreFactory.sqlite(data).close();

        assertThat(tables(url)).doesNotContain("report_ratings").contains("event", "report_rating_counts", "parcel");
    }

    private static List<String> tables(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url);
                ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            List<String> out = new java.util.ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString("TABLE_NAME"));
            }
            return out;
        }
    }
}

package org.openhall.kiosk.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhall.kiosk.storage.Database;
import org.openhall.kiosk.storage.Migration;

/** Version 4 of the tickets' schema, applied to a version 3 file with a day of tickets in it. */
class TicketStoreMigrationTest {
    @TempDir
    Path tmp;

    @Test
    void versionFourKeepsEveryRowAndTheIssueOrderAndDropsTheTicketIdKey() throws Exception {
        Database db = new Database(tmp.resolve("kiosk.db"), Clock.systemUTC());
        db.open();
        try {
            db.migrate(new Migration("tickets", TicketStore.SCHEMA.steps().subList(0, 3)));
            db.inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    // B001 before A001: the issue order is the rowid's, not the number's
                    s.execute(row("t-1", "B", 1, "B001", "waiting", null));
                    s.execute(row("t-2", "A", 1, "A001", "called", "1"));
                    s.execute(row("t-3", "A", 2, "A002", "waiting", null));
                }
                return null;
            });
            db.migrate(TicketStore.SCHEMA);
            List<String> rows = db.inTransaction(c -> {
                List<String> out = new ArrayList<>();
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                        "SELECT ticket_id, number, status, called_window, queue_category FROM tickets ORDER BY rowid")) {
                    while (rs.next()) {
                        out.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4)
                                + " " + rs.getString(5));
                    }
                }
                return out;
            });
            assertThat(rows).containsExactly("t-1 B001 waiting null B", "t-2 A001 called 1 A", "t-3 A002 waiting null A");
            List<String> indexes = db.inTransaction(c -> {
                List<String> out = new ArrayList<>();
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                        "SELECT il.name FROM pragma_index_list('tickets') il")) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            });
            assertThat(indexes).as("only the (service_day, number) key is written with each ticket").hasSize(1);
            CallStore calls = new CallStore();
            Object next = db.inTransaction(c -> calls.nextWaiting(c, LocalDate.parse("2026-03-08"), List.of()).orElseThrow());
            assertThat(((CallStore.Ticket) next).number()).as("the oldest waiting ticket is still called first").isEqualTo("B001");
        } finally {
            db.close();
        }
    }

    private static String row(String id, String category, int ordinal, String number, String status, String window) {
        return "INSERT INTO tickets (ticket_id, service_day, category, ordinal, number, category_name, category_name_en,"
                + " priority, channel, ahead, issued_at, status, queue_category, called_window) VALUES ('" + id
                + "', '2026-03-08', '" + category + "', " + ordinal + ", '" + number + "', 'n', 'n', 0, 'terminal', 0,"
                + " '2026-03-08T09:00:00+08:00', '" + status + "', '" + category + "', "
                + (window == null ? "NULL" : "'" + window + "'") + ")";
    }
}

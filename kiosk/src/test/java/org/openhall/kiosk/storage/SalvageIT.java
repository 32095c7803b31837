package org.openhall.kiosk.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhall.kiosk.testing.KioskProcess;
import org.openhall.kiosk.testing.Mosquitto;
import org.openhall.kiosk.testing.MqttProbe;
import org.openhall.kiosk.testing.TestKiosk;

/**
 * A database with unsent events and today's tickets, pages in its middle overwritten with junk (header kept),
 * then the daemon started on it: what is readable is salvaged. The unsent events arrive with their own id and
 * seq, new seqs resume above them, and the next ticket number is above every number handed out before.
 */
class SalvageIT {
    private static final String T = "kiosk/v1/test/salvage-01";
    private static final int TICKETS = 400;

    @TempDir
    Path tmp;

    @Test
    void aCorruptDatabaseIsSalvagedEventsKeepTheirIdsAndNumbersNeverRepeat() throws Exception {
        Path data = tmp.resolve("data");
        Mosquitto broker = Mosquitto.start(tmp.resolve("broker"));
        broker.stopProcess();
        String toml = TestKiosk.baseToml("salvage-01", data, broker.url()) + TestKiosk.TWO_CATEGORIES;
        int highestA = 0;
        try (broker) {
            try (KioskProcess first = KioskProcess.start(tmp.resolve("first"), toml)) {
                for (int i = 0; i < TICKETS; i++) {
                    String category = i % 4 == 3 ? "B" : "A";
                    JsonNode t = first.http().post("/api/tickets", "{\"category\":\"" + category + "\"}").json();
                    if (category.equals("A")) {
                        highestA = Math.max(highestA, Integer.parseInt(t.get("number").asText().substring(1)));
                    }
                }
                assertThat(first.stop()).isZero();
            }
            Path db = data.resolve("kiosk.db");
            Map<Long, String> idBySeq = outboxIds(db);
            assertThat(idBySeq).hasSizeGreaterThanOrEqualTo(TICKETS);
            int pages = corruptMiddlePages(db);
            System.out.printf("corrupted 4 of %d pages; the outbox held %d unsent events%n", pages, idBySeq.size());

            broker.startProcess();
            try (MqttProbe centre = new MqttProbe(broker.url(), T + "/events/#");
                    KioskProcess second = KioskProcess.start(tmp.resolve("second"), toml)) {
                JsonNode alert = centre.awaitEvent("alert", e -> e.at("/data/kind").asText().equals("database_corrupt"),
                        Duration.ofSeconds(30));
                long salvaged = alert.at("/data/salvaged").asLong();
                long resumesAt = alert.at("/data/seqResumesAt").asLong();
                System.out.println("database_corrupt alert: " + alert.get("data"));
                assertThat(salvaged).as("most unsent events were on healthy pages").isGreaterThan(TICKETS / 2);
                assertThat(alert.get("seq").asLong()).isEqualTo(resumesAt);
                assertThat(resumesAt).isGreaterThan(idBySeq.keySet().stream().mapToLong(Long::longValue).max().orElseThrow());

                Awaitility.await().atMost(Duration.ofSeconds(30))
                        .until(() -> centre.events("ticket.issued").size() >= salvaged);
                List<JsonNode> delivered = centre.received().stream().filter(r -> r.topic().endsWith("/ticket.issued"))
                        .map(r -> r.json()).toList();
                for (JsonNode e : delivered) {
                    assertThat(e.get("id").asText()).as("seq %d keeps its id", e.get("seq").asLong())
                            .isEqualTo(idBySeq.get(e.get("seq").asLong()));
                }
                assertThat(delivered.stream().map(e -> e.get("seq").asLong()).distinct().count()).isEqualTo(delivered.size());

                JsonNode next = second.http().post("/api/tickets", "{\"category\":\"A\"}").json();
                int nextA = Integer.parseInt(next.get("number").asText().substring(1));
                System.out.printf("highest A before: A%03d; next after salvage: %s%n", highestA, next.get("number").asText());
                assertThat(nextA).as("no number of today is handed out twice").isGreaterThan(highestA);
                assertThat(second.http().get("/api/queue").json().at("/categories/0/waiting").asLong())
                        .as("the waiting line came back too").isPositive();
            }
        }
    }

    private static Map<Long, String> outboxIds(Path db) throws Exception {
        Map<Long, String> out = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT seq, id FROM outbox")) {
            while (rs.next()) {
                out.put(rs.getLong(1), rs.getString(2));
            }
        }
        return out;
    }

    /** Overwrites four pages around the middle with random bytes; the header and the schema, early in the file, stay. */
    private static int corruptMiddlePages(Path db) throws Exception {
        assertThat(Files.exists(db.resolveSibling("kiosk.db-wal")) && Files.size(db.resolveSibling("kiosk.db-wal")) > 0)
                .as("a clean stop checkpointed the WAL").isFalse();
        int pageSize;
        try (RandomAccessFile f = new RandomAccessFile(db.toFile(), "r")) {
            f.seek(16); // the page size, big-endian, in the file header
            pageSize = f.readUnsignedShort();
        }
        long pages = Files.size(db) / pageSize;
        byte[] junk = new byte[pageSize];
        Random random = new Random(11);
        try (RandomAccessFile f = new RandomAccessFile(db.toFile(), "rw")) {
            for (long p = pages / 2; p < pages / 2 + 4; p++) {
                random.nextBytes(junk);
                f.seek(p * pageSize);
                f.write(junk);
            }
        }
        return (int) pages;
    }
}

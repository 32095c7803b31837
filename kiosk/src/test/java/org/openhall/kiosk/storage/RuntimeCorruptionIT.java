package org.openhall.kiosk.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Random;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhall.kiosk.parcels.ParcelInput;
import org.openhall.kiosk.testing.Http;
import org.openhall.kiosk.testing.Mosquitto;
import org.openhall.kiosk.testing.MqttProbe;
import org.openhall.kiosk.testing.TestKiosk;

/**
 * The database file is damaged under the running kiosk (a failing card): the next write meets SQLITE_CORRUPT,
 * the kiosk restarts its parts on a fresh file (the damaged one moved aside and salvaged, as at a start) and
 * takes tickets again, in the same process, numbers still above the earlier ones and the categories set by
 * command still in force. The damage reaches the schema pages, so nothing is readable from the old file.
 */
class RuntimeCorruptionIT {
    private static final String T = "kiosk/v1/test/rtc-01";
    private static final ParcelInput PARCEL = ParcelInput.of("户籍证明", "欧阳晓荣", "0571-88234567", "幸福小区", null);

    @TempDir
    Path tmp;

    @Test
    void corruptionFoundByAWriteIsRecoveredInProcessWithoutRepeatingNumbers() throws Exception {
        Path data = tmp.resolve("data");
        try (Mosquitto broker = Mosquitto.start(tmp.resolve("broker"));
                MqttProbe centre = new MqttProbe(broker.url(), T + "/#");
                TestKiosk k = TestKiosk.start("rtc-01", data, broker.url(), TestKiosk.TWO_CATEGORIES)) {
            // "online" comes after the kiosk subscribed to its commands: one sent earlier would be lost
            centre.awaitCount(r -> r.topic().endsWith("/status") && r.text().contains("online"), 1, Duration.ofSeconds(15));
            centre.publish(T + "/cmd/categories", "{\"id\":\"cat-1\",\"categories\":[{\"code\":\"A\",\"name\":\"综合受理\"},"
                    + "{\"code\":\"C\",\"name\":\"户籍证明\",\"name_en\":\"Household registration\"}]}");
            assertThat(centre.awaitEvent("command.result", e -> e.at("/data/command").asText().equals("cat-1"),
                    Duration.ofSeconds(15)).at("/data/ok").asBoolean()).isTrue();
            int highest = 0;
            for (int i = 0; i < 300; i++) {
                highest = number(k.http().post("/api/tickets", "{\"category\":\"A\"}"));
            }
            String parcelBefore = k.kiosk().parcels().register(PARCEL, "3").number();
            Path db = data.resolve("kiosk.db");
            // another connection's checkpoint moves everything into the file and makes the kiosk drop its page cache
            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + db);
                    Statement s = other.createStatement()) {
                s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
            damageFirstHalf(db);

            Http.Answer refused = k.http().post("/api/tickets", "{\"category\":\"A\"}");
            System.out.println("first write on the damaged file: " + refused.status() + " " + refused.body());
            assertThat(refused.status()).isIn(201, 503);
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> k.kiosk().running() && corruptFiles(data) == 1);
            Http again = new Http(k.kiosk().httpPort());
            Http.Answer next = again.post("/api/tickets", "{\"category\":\"A\"}");
            assertThat(next.status()).as(next.body()).isEqualTo(201);
            System.out.printf("highest before: A%03d; after the in-process recovery: %s%n", highest,
                    next.json().get("number").asText());
            assertThat(number(next)).isGreaterThan(highest);
            assertThat(number(again.post("/api/tickets", "{\"category\":\"A\"}"))).as("then one by one")
                    .isEqualTo(number(next) + 1);
            String parcelAfter = k.kiosk().parcels().register(PARCEL, "3").number();
            String parcelThen = k.kiosk().parcels().register(PARCEL, "3").number();
            assertThat(Long.parseLong(parcelThen.substring(1))).isEqualTo(Long.parseLong(parcelAfter.substring(1)) + 1);
            System.out.printf("parcel before: %s; after: %s%n", parcelBefore, parcelAfter);
            assertThat(parcelAfter).as("a parcel number is never handed out twice").isNotEqualTo(parcelBefore)
                    .hasSizeGreaterThan(parcelBefore.length()); // the loss is unknown: P<day>1000 and on
            assertThat(again.get("/api/queue").json().get("categories")).as("categories set by command stay")
                    .extracting(c -> c.get("code").asText()).containsExactly("A", "C");
            JsonNode alert = centre.awaitEvent("alert", e -> e.at("/data/kind").asText().equals("database_corrupt"),
                    Duration.ofSeconds(20));
            System.out.println("alert: " + alert.get("data"));
            assertThat(again.get("/api/health").json().get("status").asText()).isEqualTo("ok");
        }
    }

    private static int number(Http.Answer a) {
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return Integer.parseInt(a.json().get("number").asText().substring(1));
    }

    /** Junk over pages 2 .. n/2: the roots of every table and most of their rows. */
    private static void damageFirstHalf(Path db) throws Exception {
        Random random = new Random(5);
        try (RandomAccessFile f = new RandomAccessFile(db.toFile(), "rw")) {
            f.seek(16); // the page size, big-endian, in the file header (1 KiB for the kiosk's files)
            int pageSize = f.readUnsignedShort();
            long pages = f.length() / pageSize;
            byte[] junk = new byte[pageSize];
            for (long p = 1; p < pages / 2; p++) {
                random.nextBytes(junk);
                f.seek(p * pageSize);
                f.write(junk);
            }
        }
    }

    private static long corruptFiles(Path data) throws Exception {
        try (Stream<Path> files = Files.list(data)) {
            return files.filter(p -> p.getFileName().toString().matches("kiosk\\.db\\.corrupt-[0-9-]+")).count();
        }
    }
}

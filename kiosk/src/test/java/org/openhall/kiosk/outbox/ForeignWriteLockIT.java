package org.openhall.kiosk.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhall.kiosk.testing.KioskProcess;
import org.openhall.kiosk.testing.Mosquitto;
import org.openhall.kiosk.testing.MqttProbe;
import org.openhall.kiosk.testing.TestKiosk;

/**
 * Another process (a backup tool, a stuck sqlite3 shell) holds kiosk.db's write lock for 15 s while the relay
 * drains a backlog to a real broker: the relay's deletes fail, it backs off instead of spinning, and once the
 * lock is gone the outbox drains to 0 with every event delivered once.
 */
class ForeignWriteLockIT {
    private static final String T = "kiosk/v1/test/lock-01";
    private static final int TICKETS = 200;
    private static final long LOCK_S = 15;

    @TempDir
    Path tmp;

    @Test
    void theRelayBacksOffWhileAnotherProcessHoldsTheWriteLockAndDrainsAfterwards() throws Exception {
        Path data = tmp.resolve("data");
        Mosquitto broker = Mosquitto.start(tmp.resolve("broker"));
        broker.stopProcess();
        String toml = TestKiosk.baseToml("lock-01", data, broker.url()) + TestKiosk.TWO_CATEGORIES;
        try (broker; KioskProcess kiosk = KioskProcess.start(tmp.resolve("kiosk"), toml)) {
            for (int i = 0; i < TICKETS; i++) {
                assertThat(kiosk.http().post("/api/tickets", "{\"category\":\"A\"}").status()).isEqualTo(201);
            }
            Process holder = holdWriteLock(data.resolve("kiosk.db"));
            try {
                awaitLockTaken(data.resolve("kiosk.db"));
                long cpuBefore = kiosk.cpuMillis();
                long lockedAt = System.nanoTime();
                broker.startProcess();
                try (MqttProbe centre = new MqttProbe(broker.url(), T + "/events/#")) {
                    // the sends need no write lock; the deletes after the PUBACKs do, and fail until it is released
                    centre.awaitCount(r -> r.topic().endsWith("/ticket.issued"), TICKETS, Duration.ofSeconds(LOCK_S));
                    assertThat(holder.waitFor(LOCK_S + 10, TimeUnit.SECONDS)).as("sqlite3 ends its transaction").isTrue();
                    long lockMs = (System.nanoTime() - lockedAt) / 1_000_000;
                    long cpuMs = kiosk.cpuMillis() - cpuBefore;
                    System.out.printf("foreign write lock held %d ms: daemon used %d ms of CPU (%.1f %% of one core)%n",
                            lockMs, cpuMs, 100.0 * cpuMs / lockMs);
                    // before the fix: 2.3 s of CPU over 14.6 s here (and depth never 0); after: under 0.1 s
                    assertThat(cpuMs).as("the relay does not spin while deletes fail").isLessThan(lockMs / 20);

                    Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                            .until(() -> kiosk.http().get("/api/health").json().get("outboxDepth").asLong() == 0);
                    Thread.sleep(1_000); // anything sent twice would have arrived by now
                    List<JsonNode> issued = centre.events("ticket.issued");
                    Map<String, Long> perId = issued.stream()
                            .collect(Collectors.groupingBy(e -> e.get("id").asText(), Collectors.counting()));
                    assertThat(perId).hasSize(TICKETS);
                    assertThat(perId.values()).as("each event once").allMatch(n -> n == 1);
                    assertThat(issued.stream().map(e -> e.get("seq").asLong()).collect(Collectors.toSet()))
                            .hasSize(TICKETS);
                    assertThat(kiosk.logLines("outbox-relay: working again")).as("the relay said it recovered").isNotEmpty();
                    System.out.println("relay log: " + kiosk.logLines("outbox-relay"));
                }
            } finally {
                holder.destroyForcibly();
            }
        }
    }

    /** sqlite3 takes the write lock (BEGIN IMMEDIATE) and keeps it for LOCK_S seconds. */
    private Process holdWriteLock(Path db) throws Exception {
        String script = "(echo 'BEGIN IMMEDIATE;'; echo \"INSERT INTO schema_version VALUES('lock-holder', 1);\"; "
                + "sleep " + LOCK_S + "; echo 'ROLLBACK;') | sqlite3 " + db;
        return new ProcessBuilder("bash", "-c", script).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("sqlite3.log").toFile()).start();
    }

    /** Proves the lock is held: a writer of our own that does not wait is refused with SQLITE_BUSY. */
    private static void awaitLockTaken(Path db) {
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(() -> {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout=0");
                s.execute("BEGIN IMMEDIATE");
                s.execute("ROLLBACK");
                return false;
            } catch (SQLException e) {
                return (e.getErrorCode() & 0xff) == 5;
            }
        });
    }
}

package org.openhall.kiosk.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhall.kiosk.events.Event;
import org.openhall.kiosk.events.EventCodec;
import org.openhall.kiosk.events.EventType;
import org.openhall.kiosk.events.Priority;
import org.openhall.kiosk.json.Json;
import org.openhall.kiosk.storage.Database;
import org.openhall.kiosk.storage.StorageException;

/** The outbox on a real SQLite file, with an injected clock. */
class OutboxTest {
    private static final Json JSON = new Json();
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @TempDir
    Path tmp;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-08T01:00:00Z"));
    private final List<Database> open = new ArrayList<>();

    @AfterEach
    void closeAll() {
        open.forEach(Database::close);
    }

    private Outbox outbox(long maxEvents) {
        Database db = new Database(tmp.resolve("kiosk.db"), clock);
        open.add(db);
        db.open();
        Outbox outbox = new Outbox(db, tmp.resolve("seq.floor"), new EventCodec(JSON, "k1", "s1"), JSON, clock, ZONE, maxEvents);
        outbox.start();
        return outbox;
    }

    private void reopen() {
        open.forEach(Database::close);
        open.clear();
    }

    private static ObjectNode data(int n) {
        return JSON.createObjectNode().put("n", n);
    }

    private static Event append(Outbox outbox, EventType type, int n) {
        return outbox.database().transaction(tx -> tx.append(type, data(n)));
    }

    @Test
    void seqStartsAtOneAndGrowsByOnePerEventAcrossRestarts() {
        Outbox first = outbox(1_000);
        assertThat(append(first, EventType.TICKET_ISSUED, 1).seq()).isEqualTo(1);
        assertThat(append(first, EventType.TELEMETRY, 2).seq()).isEqualTo(2);
        first.delete(List.of(1L, 2L));
        reopen(); // no clean stop: as after kill -9, only the database speaks
        Outbox second = outbox(1_000);
        assertThat(append(second, EventType.ALERT, 3).seq()).as("deleted rows do not give their seqs back").isEqualTo(3);
    }

    @Test
    void aRolledBackTransactionUsesNoSeqAndLeavesNoRow() {
        Outbox outbox = outbox(1_000);
        append(outbox, EventType.TICKET_ISSUED, 1);
        assertThatThrownBy(() -> outbox.database().transaction(tx -> {
            tx.append(EventType.TICKET_ISSUED, data(2));
            throw new IllegalStateException("printer said no");
        })).hasMessage("printer said no");
        assertThat(outbox.depth()).isEqualTo(1);
        assertThat(append(outbox, EventType.TICKET_ISSUED, 3).seq()).isEqualTo(2);
    }

    @Test
    void theEnvelopeCarriesIdSeqTypeTimeAndData() throws Exception {
        Outbox outbox = outbox(1_000);
        Event e = append(outbox, EventType.RATING_SUBMITTED, 7);
        PendingEvent pending = outbox.page(-1, -1, 10).getFirst();
        JsonNode envelope = JSON.readTree(pending.payload());
        assertThat(envelope.get("id").asText()).isEqualTo(e.id());
        assertThat(envelope.get("seq").asLong()).isEqualTo(1);
        assertThat(envelope.get("type").asText()).isEqualTo("rating.submitted");
        assertThat(envelope.get("time").asText()).isEqualTo("2026-03-08T09:00:00.000+08:00");
        assertThat(envelope.at("/data/n").asInt()).isEqualTo(7);
        assertThat(pending.type()).isEqualTo("rating.submitted");
    }

    @Test
    void pagesComeInPriorityOrderOldestFirstFromTheCursor() {
        Outbox outbox = outbox(1_000);
        append(outbox, EventType.TELEMETRY, 1);
        append(outbox, EventType.TICKET_ISSUED, 2);
        append(outbox, EventType.ALERT, 3);
        append(outbox, EventType.TICKET_CALLED, 4);
        append(outbox, EventType.COMMAND_RESULT, 5);
        assertThat(outbox.page(-1, -1, 10)).extracting(PendingEvent::seq).containsExactly(3L, 5L, 2L, 4L, 1L);
        assertThat(outbox.page(Priority.BUSINESS.ordinal(), 2, 10)).extracting(PendingEvent::seq).containsExactly(4L, 1L);
        assertThat(outbox.page(-1, -1, 2)).extracting(PendingEvent::seq).containsExactly(3L, 5L);
    }

    @Test
    void aVersionOneOutboxIsKeyedByPriorityAndSeqWithItsRowsAndOrderKept() throws Exception {
        long twoHoursAgo = clock.millis() - 7_200_000;
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("kiosk.db"));
                Statement s = c.createStatement()) {
            for (String sql : Outbox.SCHEMA.steps().getFirst().split(";\\s*\\n")) {
                s.execute(sql);
            }
            s.execute("CREATE TABLE schema_version (component TEXT PRIMARY KEY, version INTEGER NOT NULL)");
            s.execute("INSERT INTO schema_version VALUES ('outbox', 1)");
            int[] priorities = {2, 1, 0, 1, 0};
            for (int seq = 1; seq <= 5; seq++) {
                s.execute("INSERT INTO outbox VALUES (" + seq + ", 'id" + seq + "', 't', " + priorities[seq - 1] + ", "
                        + (twoHoursAgo + seq) + ", x'00')");
            }
        }
        Outbox outbox = outbox(1_000);
        assertThat(outbox.depth()).isEqualTo(5);
        assertThat(outbox.page(-1, -1, 10)).extracting(PendingEvent::seq).containsExactly(3L, 5L, 2L, 4L, 1L);
        assertThat(outbox.stats().oldestAgeS()).as("seq 1, telemetry, is the oldest").isEqualTo(7_199);
        assertThat(append(outbox, EventType.TICKET_ISSUED, 6).seq()).isEqualTo(6);
        outbox.delete(List.of(1L, 3L, 6L));
        assertThat(outbox.page(-1, -1, 10)).extracting(PendingEvent::seq).containsExactly(5L, 2L, 4L);
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("kiosk.db"));
                Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'outbox'")) {
            assertThat(rs.getLong(1)).as("no index is written with each event").isZero();
        }
        reopen();
        assertThat(append(outbox(1_000), EventType.ALERT, 7).seq()).as("the highest seq is found under its priority").isEqualTo(7);
    }

    @Test
    void aFullOutboxDropsTheOldestTelemetryFirstAndCountsIt() {
        Outbox outbox = outbox(1_000);
        outbox.database().transaction(tx -> {
            for (int i = 0; i < 1_000; i++) {
                tx.append(i < 3 ? EventType.TELEMETRY : EventType.TICKET_ISSUED, data(i));
            }
            return null;
        });
        append(outbox, EventType.RATING_SUBMITTED, 1_000);
        append(outbox, EventType.TELEMETRY, 1_001);
        assertThat(outbox.depth()).isEqualTo(1_000);
        assertThat(outbox.stats().droppedCapacity()).isEqualTo(2);
        assertThat(outbox.page(Priority.BUSINESS.ordinal(), Long.MAX_VALUE, 10)).as("telemetry left, oldest gone")
                .extracting(PendingEvent::seq).containsExactly(3L, 1_002L);
    }

    @Test
    void pastTheCapBusinessIsRefusedWithOneCommittedAlertWhileAlertsUseTheReserve() {
        Outbox outbox = outbox(1_000);
        outbox.database().transaction(tx -> {
            for (int i = 0; i < 1_000; i++) {
                tx.append(EventType.TICKET_ISSUED, data(i));
            }
            return null;
        });
        assertThatThrownBy(() -> append(outbox, EventType.TICKET_ISSUED, 1)).isInstanceOf(OutboxFullException.class);
        assertThatThrownBy(() -> append(outbox, EventType.RATING_SUBMITTED, 2)).isInstanceOf(OutboxFullException.class);
        List<PendingEvent> alerts = outbox.page(-1, -1, 10).stream().filter(p -> p.type().equals("alert")).toList();
        assertThat(alerts).as("one alert per episode, committed despite the refusal").hasSize(1);
        assertThat(new String(alerts.getFirst().payload())).contains("\"kind\":\"outbox_full\"");
        assertThat(append(outbox, EventType.COMMAND_RESULT, 3).seq()).as("gapless after refusals").isEqualTo(1_002);
        assertThat(outbox.stats().refused()).isEqualTo(2);
        for (int i = 0; i < 98; i++) {
            append(outbox, EventType.ALERT, i);
        }
        assertThatThrownBy(() -> append(outbox, EventType.ALERT, 99)).as("the reserve has an end too")
                .isInstanceOf(OutboxFullException.class);
    }

    @Test
    void theFullAlertIsRaisedAgainInTheNextEpisode() {
        Outbox outbox = outbox(1_000);
        outbox.database().transaction(tx -> {
            for (int i = 0; i < 1_000; i++) {
                tx.append(EventType.TICKET_ISSUED, data(i));
            }
            return null;
        });
        assertThatThrownBy(() -> append(outbox, EventType.TICKET_ISSUED, 1)).isInstanceOf(OutboxFullException.class);
        List<Long> all = outbox.page(-1, -1, 2_000).stream().map(PendingEvent::seq).toList();
        outbox.delete(all);
        append(outbox, EventType.TICKET_ISSUED, 2); // below 90 %: the episode is over
        outbox.database().transaction(tx -> {
            for (int i = 0; i < 999; i++) {
                tx.append(EventType.TICKET_ISSUED, data(i));
            }
            return null;
        });
        assertThatThrownBy(() -> append(outbox, EventType.TICKET_ISSUED, 3)).isInstanceOf(OutboxFullException.class);
        assertThat(outbox.page(-1, -1, 10)).filteredOn(p -> p.type().equals("alert")).hasSize(1);
    }

    @Test
    void unsentTelemetryExpiresAfterItsTtlAndIsCounted() {
        Outbox outbox = outbox(1_000);
        append(outbox, EventType.TELEMETRY, 1);
        append(outbox, EventType.TICKET_ISSUED, 2);
        clock.advance(Duration.ofHours(2));
        append(outbox, EventType.TELEMETRY, 3);
        assertThat(outbox.expireTelemetry(Duration.ofHours(1).toMillis())).isEqualTo(1);
        assertThat(outbox.page(-1, -1, 10)).extracting(PendingEvent::seq).containsExactly(2L, 3L);
        OutboxStats stats = outbox.stats();
        assertThat(stats.droppedExpired()).isEqualTo(1);
        assertThat(stats.dropped()).isEqualTo(1);
        assertThat(stats.oldestAgeS()).as("the ticket from two hours ago").isEqualTo(7_200);
        clock.advance(Duration.ofDays(30));
        assertThat(outbox.expireTelemetry(Duration.ofHours(1).toMillis())).isEqualTo(1);
        assertThat(outbox.depth()).as("tickets never expire").isEqualTo(1);
    }

    @Test
    void theFloorKeepsSeqAboveEveryValueWhenTheDatabaseIsReplaced() throws Exception {
        Outbox first = outbox(1_000);
        for (int i = 0; i < 5; i++) {
            append(first, EventType.TICKET_ISSUED, i);
        }
        reopen(); // unclean: the floor holds the reserved block, above 5
        try (var files = java.nio.file.Files.list(tmp)) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith("kiosk.db")).toList()) {
                java.nio.file.Files.delete(p); // as if the card lost the database
            }
        }
        Outbox second = outbox(1_000);
        long next = append(second, EventType.ALERT, 0).seq();
        assertThat(next).isGreaterThan(5).isLessThanOrEqualTo(5 + SeqFloor.BLOCK + 1);
        second.stop(); // clean: the floor becomes exact
        reopen();
        try (var files = java.nio.file.Files.list(tmp)) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith("kiosk.db")).toList()) {
                java.nio.file.Files.delete(p);
            }
        }
        assertThat(append(outbox(1_000), EventType.ALERT, 0).seq()).as("no gap after a clean stop").isEqualTo(next + 1);
    }

    @Test
    void commitListenersHearTheMostUrgentClassAppendedAndNothingOnRollback() {
        Outbox outbox = outbox(1_000);
        List<Priority> heard = new ArrayList<>();
        outbox.onCommitOfPriority(heard::add);
        outbox.database().transaction(tx -> {
            tx.append(EventType.TELEMETRY, data(1));
            tx.append(EventType.ALERT, data(2));
            return null;
        });
        outbox.database().transaction(tx -> tx.connection().createStatement().execute("SELECT 1"));
        assertThatThrownBy(() -> outbox.database().transaction(tx -> {
            tx.append(EventType.ALERT, data(3));
            throw new IllegalStateException("no");
        }));
        assertThat(heard).containsExactly(Priority.ALERT);
    }

    @Test
    void nestedTransactionsJoinTheOuterOne() {
        Outbox outbox = outbox(1_000);
        assertThatThrownBy(() -> outbox.database().transaction(tx -> {
            tx.append(EventType.TICKET_ISSUED, data(1));
            outbox.database().transaction(inner -> inner.append(EventType.TICKET_CALLED, data(2)));
            throw new IllegalStateException("outer fails");
        }));
        assertThat(outbox.depth()).isZero();
        assertThat(append(outbox, EventType.TICKET_ISSUED, 3).seq()).isEqualTo(1);
    }

    @Test
    void onlyCorruptionMovesTheFileAside() throws Exception {
        Database db = new Database(tmp.resolve("kiosk.db"), clock);
        java.nio.file.Files.writeString(tmp.resolve("kiosk.db"), "this is not a database, it is a shopping list ".repeat(200));
        db.open();
        open.add(db);
        assertThat(db.quarantined()).isPresent();
        assertThat(db.quarantined().orElseThrow().getFileName().toString()).isEqualTo("kiosk.db.corrupt-20260308-010000");
        db.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t(x)");
            }
            return null;
        });
        assertThat(StorageException.of("x", new java.sql.SQLException("locked", "", 5)).kind()).isEqualTo(StorageException.Kind.BUSY);
        assertThat(StorageException.of("x", new java.sql.SQLException("corrupt", "", 11)).kind()).isEqualTo(StorageException.Kind.CORRUPT);
        assertThat(StorageException.of("x", new java.sql.SQLException("not a db", "", 26)).kind()).isEqualTo(StorageException.Kind.CORRUPT);
        assertThat(StorageException.of("x", new java.sql.SQLException("full", "", 13)).refusal().word()).isEqualTo("storage_full");
        assertThat(StorageException.of("x", new java.sql.SQLException("io", "", 10 | (3 << 8))).refusal().word()).isEqualTo("storage_failing");
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZONE;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

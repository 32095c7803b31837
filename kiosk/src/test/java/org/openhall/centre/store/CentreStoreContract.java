package org.openhall.centre.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openhall.centre.testing.Envelopes.T0;
import static org.openhall.centre.testing.Envelopes.envelope;
import static org.openhall.centre.testing.Envelopes.rating;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The store's contract, run against both adapters (SQLite and PostgreSQL). */
abstract class CentreStoreContract {
    static final KioskId K1 = new KioskId("wuquan", "wq-01");
    static final KioskId K2 = new KioskId("wuquan", "wq-02");
    CentreStore store;

    /** A fresh, empty store. */
    abstract CentreStore open();

    /** The same database again, as after a restart of the centre. */
    abstract CentreStore reopen();

    @BeforeEach
    void start() {
        store = open();
    }

    @AfterEach
    void stop() {
        store.close();
    }

    static IngestBatch batch(List<Envelope> events) {
        return new IngestBatch(events, List.of(), T0 + 60_000);
    }

    static List<Envelope> ratings(KioskId k, long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(s -> rating(k.site(), k.kiosk(), s)).toList();
    }

    @Test
    void storesAnEnvelopeAsReceivedAndRegistersTheKioskByItsFirstMessage() {
        Envelope e = rating("wuquan", "wq-01", 1);
        IngestOutcome outcome = store.ingest(batch(List.of(e)));
        assertThat(outcome.stored()).containsExactly(e);
        assertThat(outcome.newKiosks()).containsExactly(K1);
        assertThat(store.events(new EventQuery("wuquan", "wq-01", null, null, null, 10))).containsExactly(e.json());
        KioskView k = store.kiosk(K1).orElseThrow();
        assertThat(k.lastSeq()).isEqualTo(1);
        assertThat(k.received()).isEqualTo(1);
        assertThat(k.presence()).isNull();
        assertThat(store.ingest(batch(List.of(rating("wuquan", "wq-01", 2)))).newKiosks()).isEmpty();
        KioskId k3 = new KioskId("wuquan", "wq-03");
        IngestOutcome mixed = store.ingest(batch(List.of(rating("wuquan", "wq-01", 3), rating("wuquan", "wq-02", 1),
                rating("wuquan", "wq-03", 1), rating("wuquan", "wq-01", 4))));
        assertThat(mixed.newKiosks()).containsExactlyInAnyOrder(K2, k3);
    }

    @Test
    void aRedeliveryWithTheSameIdIsDroppedAndCountedInOneBatchAndAcross() {
        Envelope e = rating("wuquan", "wq-01", 1);
        store.ingest(batch(List.of(e)));
        IngestOutcome again = store.ingest(batch(List.of(e, rating("wuquan", "wq-01", 2), e)));
        assertThat(again.stored()).hasSize(1);
        assertThat(again.duplicates()).isEqualTo(2);
        assertThat(store.events(new EventQuery(null, null, null, null, null, 10))).hasSize(2);
        assertThat(store.kiosk(K1).orElseThrow().duplicates()).isEqualTo(2);
        assertThat(store.completeness(K1).duplicates()).isEqualTo(2);
    }

    @Test
    void anotherIdUnderAStoredSeqIsAConflictKeptAside() throws Exception {
        Envelope first = rating("wuquan", "wq-01", 1);
        Envelope impostor = rating("wuquan", "wq-01", 1, "another-id");
        store.ingest(batch(List.of(first)));
        IngestOutcome outcome = store.ingest(batch(List.of(impostor)));
        assertThat(outcome.stored()).isEmpty();
        assertThat(outcome.conflicts()).containsExactly(impostor);
        assertThat(store.events(new EventQuery(null, null, null, null, null, 10))).containsExactly(first.json());
        assertThat(store.completeness(K1).conflicts()).isEqualTo(1);
        String kept = store.inTransaction(tx -> {
            try (PreparedStatement ps = tx.connection().prepareStatement("SELECT envelope FROM event_conflict");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        });
        assertThat(kept).isEqualTo(impostor.json());
    }

    @Test
    void aRedeliveredWindowLargerThanOneLookupChunkSortsOutEveryDuplicateAndConflict() {
        List<Envelope> first = new ArrayList<>(ratings(K1, 1, 300));
        first.addAll(ratings(K2, 1, 300));
        store.ingest(batch(first));
        List<Envelope> again = new ArrayList<>();
        for (Envelope e : first) {
            boolean impostor = e.seq() % 50 == 0;
            again.add(impostor ? rating(e.site(), e.kiosk(), e.seq(), "other-" + e.seq()) : e);
        }
        again.add(rating(K2.site(), K2.kiosk(), 301));
        IngestOutcome outcome = store.ingest(batch(again));
        assertThat(outcome.stored()).extracting(Envelope::seq).containsExactly(301L);
        assertThat(outcome.duplicates()).isEqualTo(588);
        assertThat(outcome.conflicts()).hasSize(12).allMatch(e -> e.id().startsWith("other-"));
        assertThat(store.completeness(K1).duplicates()).isEqualTo(294);
        assertThat(store.completeness(K2).conflicts()).isEqualTo(6);
        assertThat(store.completeness(K2).missing()).isEmpty();
    }

    @Test
    void completenessNamesTheMissingRangesAndForgetsThemWhenTheyArrive() {
        List<Envelope> events = new ArrayList<>(ratings(K1, 1, 10));
        events.addAll(ratings(K1, 13, 20));
        store.ingest(batch(events));
        Completeness c = store.completeness(K1);
        assertThat(c.first()).isEqualTo(1);
        assertThat(c.last()).isEqualTo(20);
        assertThat(c.received()).isEqualTo(18);
        assertThat(c.missing()).containsExactly(new SeqRange(11, 12));
        KioskView k = store.kiosk(K1).orElseThrow();
        assertThat(k.missing()).isEqualTo(2);
        assertThat(k.gapSinceMs()).isEqualTo(T0 + 60_000);
        store.ingest(batch(ratings(K1, 11, 12)));
        assertThat(store.completeness(K1).missing()).isEmpty();
        assertThat(store.kiosk(K1).orElseThrow().missing()).isZero();
        assertThat(store.kiosk(K1).orElseThrow().gapSinceMs()).isNull();
    }

    @Test
    void completenessIsExactAfterARestart() {
        store.ingest(batch(ratings(K1, 3, 5)));
        store.ingest(batch(ratings(K1, 9, 9)));
        store.close();
        store = reopen();
        store.ingest(batch(ratings(K1, 4, 7)));
        Completeness c = store.completeness(K1);
        assertThat(c.missing()).containsExactly(new SeqRange(1, 2), new SeqRange(8, 8));
        assertThat(c.received()).isEqualTo(6);
        assertThat(c.duplicates()).isEqualTo(2);
    }

    @Test
    void rangesThatGrowDownwardsMergeOrAppearAreStoredExactlyWithKiosksOfSeveralSitesInABatch() {
        KioskId other = new KioskId("dongcheng", "dc-01");
        List<Envelope> first = new ArrayList<>(ratings(K1, 5, 6));
        first.addAll(ratings(K1, 10, 10));
        first.addAll(ratings(other, 3, 3));
        store.ingest(batch(first));
        List<Envelope> second = new ArrayList<>(ratings(K1, 4, 4));
        second.addAll(ratings(K1, 8, 9));
        second.addAll(ratings(other, 1, 1));
        second.addAll(ratings(K2, 1, 2));
        store.ingest(batch(second));
        store.ingest(batch(ratings(K1, 7, 7)));
        store.ingest(batch(ratings(K1, 1, 1)));
        store.close();
        store = reopen();
        assertThat(store.completeness(K1).missing()).containsExactly(new SeqRange(2, 3));
        assertThat(store.completeness(K1).received()).isEqualTo(8);
        assertThat(store.completeness(other).missing()).containsExactly(new SeqRange(2, 2));
        assertThat(store.completeness(K2).received()).isEqualTo(2);
        store.ingest(batch(ratings(K1, 2, 3)));
        assertThat(store.completeness(K1).missing()).isEmpty();
        assertThat(store.completeness(K1).received()).isEqualTo(10);
        assertThat(store.kiosk(K1).orElseThrow().missing()).isZero();
    }

    @Test
    void holesBelowADatabaseCorruptAlertAreLostAtTheKioskNotMissing() {
        store.ingest(batch(ratings(K1, 1, 5)));
        Envelope alert = envelope("wuquan", "wq-01", 40, "a-40", "alert", T0 + 40_000,
                "{\"kind\":\"database_corrupt\",\"message\":\"local database was corrupt and replaced; seq resumes at 40\"}");
        store.ingest(batch(List.of(alert, rating("wuquan", "wq-01", 42))));
        Completeness c = store.completeness(K1);
        assertThat(c.lostAtKiosk()).containsExactly(new SeqRange(6, 39));
        assertThat(c.missing()).containsExactly(new SeqRange(41, 41));
        assertThat(store.kiosk(K1).orElseThrow().missing()).isEqualTo(1);
    }

    private void status(String state, long kioskTimeMs) {
        store.ingest(new IngestBatch(List.of(), List.of(new Presence(K1, state, "1.2", kioskTimeMs)), T0 + 99_000));
    }

    @Test
    void presenceIsOrderedByTheKiosksOwnTime() {
        status("online", T0 + 2000);
        status("offline", T0 + 5000);
        status("online", T0 + 3000); // a stale online, delivered late
        KioskView k = store.kiosk(K1).orElseThrow();
        assertThat(k.presence()).isEqualTo("offline");
        assertThat(k.presenceSinceMs()).isEqualTo(T0 + 5000);
        assertThat(k.presenceChangedMs()).isEqualTo(T0 + 99_000);
        assertThat(k.version()).isEqualTo("1.2");
    }

    @Test
    void theLastWillOfTheCurrentConnectionCountsALateOneOfAnEarlierConnectionDoesNot() {
        // connection 1: will stamped 1000, online 1100; connection 2: will stamped 2000, online 2100
        status("online", T0 + 1100);
        status("online", T0 + 2100);
        status("offline", T0 + 1000); // connection 1's will, delivered after connection 2 came up
        assertThat(store.kiosk(K1).orElseThrow().presence()).isEqualTo("online");
        status("offline", T0 + 2000); // connection 2's will: the kiosk died
        assertThat(store.kiosk(K1).orElseThrow().presence()).isEqualTo("offline");
        status("online", T0 + 3100);
        assertThat(store.kiosk(K1).orElseThrow().presence()).isEqualTo("online");
    }

    @Test
    void telemetryAndPrinterStatusFillTheKioskRowNewestFirst() {
        Envelope telemetry = envelope("wuquan", "wq-01", 1, "t1", "telemetry", T0 + 5000,
                "{\"uptimeS\":5,\"outbox\":{\"depth\":1500,\"oldestAgeS\":3,\"dropped\":0},\"mqtt\":{\"reconnects\":0},"
                        + "\"printer\":\"ok\",\"ticketsToday\":7,\"ratingsToday\":3}");
        Envelope paperOut = envelope("wuquan", "wq-01", 2, "p2", "printer.status", T0 + 6000, "{\"state\":\"paper_out\"}");
        Envelope older = envelope("wuquan", "wq-01", 3, "p3", "printer.status", T0 + 1000, "{\"state\":\"ok\"}");
        store.ingest(batch(List.of(paperOut, telemetry, older)));
        KioskView k = store.kiosk(K1).orElseThrow();
        assertThat(k.printer()).isEqualTo("paper_out");
        assertThat(k.outboxDepth()).isEqualTo(1500);
        assertThat(k.ticketsToday()).isEqualTo(7);
        assertThat(k.ratingsToday()).isEqualTo(3);
        assertThat(k.lastEventMs()).isEqualTo(T0 + 6000);
    }

    @Test
    void projectionsSeeOnlyNewlyStoredEventsInsideTheTransaction() {
        List<Envelope> seen = new ArrayList<>();
        store.addProjection((stored, tx) -> {
            seen.addAll(stored);
            try (PreparedStatement ps = tx.connection().prepareStatement("SELECT COUNT(*) FROM event");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).isGreaterThanOrEqualTo(stored.size());
            }
        });
        Envelope e = rating("wuquan", "wq-01", 1);
        store.ingest(batch(List.of(e)));
        store.ingest(batch(List.of(e, rating("wuquan", "wq-01", 1, "other"))));
        assertThat(seen).containsExactly(e);
    }

    @Test
    void aFailingProjectionRollsTheWholeBatchBack() {
        store.addProjection((stored, tx) -> {
            throw new java.sql.SQLException("projection broke");
        });
        assertThatThrownBy(() -> store.ingest(batch(ratings(K1, 1, 3)))).isInstanceOf(StoreException.class);
        assertThat(store.events(new EventQuery(null, null, null, null, null, 10))).isEmpty();
        assertThat(store.kiosks()).isEmpty();
    }

    @Test
    void eventsAreFilteredAndInSeqOrderPerKiosk() {
        store.ingest(batch(List.of(rating("wuquan", "wq-02", 2), rating("wuquan", "wq-01", 2), rating("wuquan", "wq-01", 1),
                envelope("wuquan", "wq-01", 3, "t3", "telemetry", T0 + 3000, "{}"))));
        List<String> k1 = store.events(new EventQuery("wuquan", "wq-01", "rating.submitted", null, null, 10));
        assertThat(k1).hasSize(2);
        assertThat(k1.get(0)).contains("\"seq\":1");
        assertThat(store.events(new EventQuery(null, null, null, T0 + 2500, T0 + 3500, 10))).hasSize(1);
        assertThat(store.events(new EventQuery(null, null, null, null, null, 2))).hasSize(2);
        assertThat(store.kiosks()).extracting(KioskView::id).containsExactly(K1, K2);
    }

    @Test
    void oneOpenAlarmPerKioskAndKindWithItsLifeCycle() {
        Alarm a = store.raise(K1, "printer", "paper out", T0, false);
        assertThat(a.state()).isEqualTo(Alarm.ACTIVE);
        assertThat(store.raise(K1, "printer", "paper out", T0 + 1, false).id()).isEqualTo(a.id());
        assertThat(store.raise(K1, "printer", "cover open", T0 + 2, true).count()).isEqualTo(2);
        assertThat(store.raise(K2, "printer", "paper out", T0, false).id()).isNotEqualTo(a.id());
        assertThat(store.acknowledge(a.id(), "roll ordered", "ann", T0 + 5)).isTrue();
        assertThat(store.acknowledge(a.id(), "again", "ann", T0 + 6)).isFalse();
        Alarm acked = store.alarm(a.id()).orElseThrow();
        assertThat(acked.state()).isEqualTo(Alarm.ACKNOWLEDGED);
        assertThat(acked.note()).isEqualTo("roll ordered");
        assertThat(acked.ackedMs()).isEqualTo(T0 + 5);
        assertThat(store.raise(K1, "printer", "paper out", T0 + 7, false).id()).isEqualTo(a.id());
        assertThat(store.clear(K1, "printer", T0 + 9)).isTrue();
        assertThat(store.clear(K1, "printer", T0 + 10)).isFalse();
        assertThat(store.alarm(a.id()).orElseThrow().clearedMs()).isEqualTo(T0 + 9);
        Alarm again = store.raise(K1, "printer", "paper out", T0 + 11, false);
        assertThat(again.id()).isNotEqualTo(a.id());
        assertThat(store.alarms(Alarm.CLEARED, null, 10)).extracting(Alarm::id).containsExactly(a.id());
        assertThat(store.alarms(Alarm.ACTIVE, K1, 10)).extracting(Alarm::id).containsExactly(again.id());
    }

    @Test
    void accountsTokensCommandsAndSecrets() {
        store.putUser(new Account("ann", "admin", "hash1"), T0);
        store.putUser(new Account("ann", "viewer", "hash2"), T0);
        assertThat(store.user("ann")).contains(new Account("ann", "viewer", "hash2"));
        assertThat(store.user("bob")).isEmpty();
        store.addToken(new Account("script", "supervisor", "th"), T0);
        assertThat(store.tokenByHash("th")).contains(new Account("script", "supervisor", "th"));
        store.commandSent(new SentCommand("c1", K1, "ping", T0, null));
        assertThat(store.commandResult("c1", "{\"ok\":true}", T0 + 1)).isTrue();
        assertThat(store.commandResult("c1", "{\"ok\":false}", T0 + 2)).isFalse();
        assertThat(store.command("c1").orElseThrow().resultJson()).isEqualTo("{\"ok\":true}");
        assertThat(store.secret("session", () -> "s1")).isEqualTo("s1");
        assertThat(store.secret("session", () -> "s2")).isEqualTo("s1");
        assertThat(store.healthy()).isTrue();
    }
}

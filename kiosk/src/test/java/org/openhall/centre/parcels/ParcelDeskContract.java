package org.openhall.centre.parcels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openhall.centre.store.Alarm;
import org.openhall.centre.store.CentreStore;
import org.openhall.centre.store.Envelope;
import org.openhall.centre.store.EventQuery;
import org.openhall.centre.store.IngestBatch;
import org.openhall.centre.store.KioskId;
import org.openhall.centre.testing.Envelopes;
import org.openhall.kiosk.testing.TestClock;

/** The centre's parcel desk on a real store, run against SQLite and PostgreSQL alike. */
abstract class ParcelDeskContract {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final KioskId K1 = new KioskId("wuquan", "wq-01");
    static final Viewer W01 = new Viewer("W01", Viewer.WORKER);
    static final Viewer W02 = new Viewer("W02", Viewer.WORKER);
    static final Viewer SUPERVISOR = new Viewer("zhang", "supervisor");
    static final Viewer VIEWER = new Viewer("li", "viewer");

    CentreStore store;
    TestClock clock;
    ParcelDesk desk;
    long seq;

    abstract CentreStore open();

    @BeforeEach
    void start() {
        store = open();
        store.addProjection(new ParcelProjection(new ObjectMapper()));
        clock = TestClock.fixed(Instant.ofEpochMilli(Envelopes.T0), SHANGHAI);
        desk = new ParcelDesk(store, clock, SHANGHAI, 3);
    }

    @AfterEach
    void stop() {
        store.close();
    }

    static String registered(String parcelId, String number) {
        return """
                {"parcelId":"%s","number":"%s","matter":"户籍证明","residentName":"朱*荣","phone":"138****1234",
                 "serviceDay":"2026-03-08","window":"3","printed":true,
                 "personal":{"residentName":"朱晓荣","phone":"13812341234","address":"幸福小区3栋501","note":"下午送"}}"""
                .formatted(parcelId, number);
    }

    static String handedOver(String parcelId, String number, String worker) {
        return """
                {"parcelId":"%s","number":"%s","matter":"户籍证明","handoverId":"5e6f7a8b-1111-4222-8333-944455556666",
                 "worker":"%s","workerName":"李四","window":"3","parcels":1,"printed":true}""".formatted(parcelId, number, worker);
    }

    Envelope event(String type, String data) {
        seq++;
        return Envelopes.envelope(K1.site(), K1.kiosk(), seq, UUID.randomUUID().toString(), type, clock.millis(), data);
    }

    void ingest(Envelope... events) {
        store.ingest(new IngestBatch(List.of(events), List.of(), clock.millis()));
    }

    String parcel(String number, String worker) {
        String id = UUID.randomUUID().toString();
        ingest(event("parcel.registered", registered(id, number)));
        if (worker != null) {
            ingest(event("parcel.handed_over", handedOver(id, number, worker)));
        }
        return id;
    }

    @Test
    void aRegisteredParcelIsKeptMaskedAndItsPersonalDataOnlyInItsOwnTable() {
        String id = parcel("P20260308001", null);

        CentreParcel p = desk.get(VIEWER, id);
        assertThat(p.state()).isEqualTo("registered");
        assertThat(p.number()).isEqualTo("P20260308001");
        assertThat(p.residentMasked()).isEqualTo("朱*荣");
        assertThat(p.phoneMasked()).isEqualTo("138****1234");
        String stored = String.join("", store.events(new EventQuery(null, null, "parcel.registered", null, null, 10)));
        assertThat(stored).contains("P20260308001", "\"personal\":\"redacted\"").doesNotContain("朱晓荣", "13812341234", "幸福小区", "下午送");
        assertThat(desk.personal(SUPERVISOR, p).orElseThrow().address()).isEqualTo("幸福小区3栋501");
        assertThat(desk.personal(VIEWER, p)).isEmpty();
    }

    @Test
    void aMisshapenPersonalFieldIsCutOutOfTheStoredEnvelopeToo() {
        String id = UUID.randomUUID().toString();
        ingest(event("parcel.registered", registered(id, "P20260308001").replaceAll("\"personal\":\\{[^}]*\\}",
                "\"personal\":\"朱晓荣 13812341234\"")));
        assertThat(desk.get(SUPERVISOR, id).number()).isEqualTo("P20260308001");
        assertThat(String.join("", store.events(new EventQuery(null, null, null, null, null, 10)))).doesNotContain("朱晓荣");
    }

    @Test
    void aHandOverPutsTheParcelOutWithItsWorkerAndDueDate() {
        String id = parcel("P20260308001", "W01");
        CentreParcel p = desk.get(W01, id);
        assertThat(p.state()).isEqualTo("handed_over");
        assertThat(p.worker()).isEqualTo("W01");
        assertThat(p.workerName()).isEqualTo("李四");
        assertThat(desk.due(p)).isEqualTo(LocalDate.of(2026, 3, 11));
        assertThat(desk.personal(W01, p).orElseThrow().phone()).isEqualTo("13812341234");
    }

    @Test
    void aHandOverArrivingBeforeItsRegistrationIsNotUndoneByIt() {
        String id = UUID.randomUUID().toString();
        Envelope reg = event("parcel.registered", registered(id, "P20260308001"));
        Envelope over = event("parcel.handed_over", handedOver(id, "P20260308001", "W01"));
        ingest(over);
        ingest(reg);
        CentreParcel p = desk.get(SUPERVISOR, id);
        assertThat(p.state()).isEqualTo("handed_over");
        assertThat(p.residentMasked()).isEqualTo("朱*荣");
    }

    @Test
    void aRedeliveredRegistrationChangesNothing() {
        String id = UUID.randomUUID().toString();
        Envelope reg = event("parcel.registered", registered(id, "P20260308001"));
        ingest(reg);
        ingest(event("parcel.handed_over", handedOver(id, "P20260308001", "W01")));
        ingest(reg);
        assertThat(desk.get(SUPERVISOR, id).state()).isEqualTo("handed_over");
    }

    @Test
    void aWorkerSeesOnlyTheirOwnParcels() {
        String mine = parcel("P20260308001", "W01");
        String theirs = parcel("P20260308002", "W02");
        assertThat(desk.list(W01, null, null, 100)).extracting(CentreParcel::parcelId).containsExactly(mine);
        assertThatThrownBy(() -> desk.get(W01, theirs)).isInstanceOf(ParcelRefused.class).hasMessageContaining("no such");
        assertThat(desk.list(SUPERVISOR, null, null, 100)).hasSize(2);
    }

    @Test
    void theWorkerRecordsTheDoorOutcome() {
        String id = parcel("P20260308001", "W01");
        CentreParcel later = desk.outcome(W01, id, "rescheduled", "2026-03-10", "不在家 nobody home");
        assertThat(later.state()).isEqualTo("rescheduled");
        assertThat(desk.due(later)).isEqualTo(LocalDate.of(2026, 3, 10));
        CentreParcel done = desk.outcome(W01, id, "delivered", null, null);
        assertThat(done.state()).isEqualTo("delivered");
        assertThat(done.outcomeBy()).isEqualTo("W01");
        assertThatThrownBy(() -> desk.outcome(W01, id, "returned", null, null)).isInstanceOf(ParcelRefused.class)
                .extracting(e -> ((ParcelRefused) e).code()).isEqualTo("not_out");
    }

    @Test
    void badOutcomesAreRefusedAndChangeNothing() {
        String id = parcel("P20260308001", "W01");
        String registeredOnly = parcel("P20260308002", null);
        assertRefused(400, () -> desk.outcome(W01, id, "lost", null, null));
        assertRefused(400, () -> desk.outcome(W01, id, "rescheduled", null, null));
        assertRefused(400, () -> desk.outcome(W01, id, "rescheduled", "2026-03-07", null));
        assertRefused(400, () -> desk.outcome(W01, id, "rescheduled", "next week", null));
        assertRefused(400, () -> desk.outcome(W01, id, "delivered", null, "x".repeat(201)));
        assertRefused(404, () -> desk.outcome(W02, id, "delivered", null, null));
        assertRefused(403, () -> desk.outcome(VIEWER, id, "delivered", null, null));
        assertRefused(409, () -> desk.outcome(SUPERVISOR, registeredOnly, "delivered", null, null));
        assertThat(desk.get(SUPERVISOR, id).state()).isEqualTo("handed_over");
    }

    private static void assertRefused(int status, Runnable r) {
        assertThatThrownBy(r::run).isInstanceOf(ParcelRefused.class).extracting(e -> ((ParcelRefused) e).status()).isEqualTo(status);
    }

    @Test
    void aParcelOutLongerThanTheConfiguredDaysRaisesTheAlarmAndItClearsWhenDelivered() {
        String id = parcel("P20260308001", "W01");
        assertThat(desk.checkOverdue()).isZero();
        clock.jump(Duration.ofDays(3).plusMinutes(1));
        assertThat(desk.checkOverdue()).isEqualTo(1);
        Alarm alarm = store.alarms(Alarm.ACTIVE, K1, 10).stream().filter(a -> a.kind().equals(ParcelDesk.ALARM)).findFirst().orElseThrow();
        assertThat(alarm.message()).contains("1 parcel out longer than 3 days", "P20260308001 (W01)").doesNotContain("朱");
        assertThat(desk.list(SUPERVISOR, "overdue", null, 10)).hasSize(1);

        desk.outcome(W01, id, "delivered", null, null);
        assertThat(desk.checkOverdue()).isZero();
        assertThat(store.alarms(Alarm.ACTIVE, K1, 10)).noneMatch(a -> a.kind().equals(ParcelDesk.ALARM));
    }

    @Test
    void theMonthlyFiguresCountEachStepInThePeriod() {
        String a = parcel("P20260308001", "W01");
        String b = parcel("P20260308002", "W01");
        parcel("P20260308003", null);
        desk.outcome(W01, a, "delivered", null, null);
        desk.outcome(W01, b, "rescheduled", "2026-03-09", null);
        clock.jump(Duration.ofDays(4));

        List<ParcelCounts> march = desk.counts(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 1), null);
        assertThat(march).containsExactly(new ParcelCounts("wuquan", 3, 2, 1, 1, 0, 1, 1));
        assertThat(desk.counts(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 3, 1), null)).allMatch(c -> c.registered() == 0);
    }
}

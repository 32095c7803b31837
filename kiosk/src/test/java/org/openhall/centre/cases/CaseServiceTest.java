package org.openhall.centre.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhall.centre.reports.ReportFacts;
import org.openhall.centre.reports.ReportsProjection;
import org.openhall.centre.store.Alarm;
import org.openhall.centre.store.CentreStore;
import org.openhall.centre.store.IngestBatch;
import org.openhall.centre.store.StoreFactory;
import org.openhall.centre.testing.Envelopes;
import org.openhall.kiosk.testing.TestClock;

/** Cases opened by the ingest of bad ratings, stepped through, overdue ones alarmed, on a real SQLite store. */
class CaseServiceTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    @TempDir
    Path dataDir;
    CentreStore store;
    CaseService cases;
    TestClock clock = TestClock.fixed(Instant.parse("2026-09-30T02:00:00Z"), SHANGHAI);

    @BeforeEach
    void open() throws Exception {
        store = StoreFactory.sqlite(dataDir);
        Deadline deadline = new Deadline(HolidaysFile.load(Path.of(getClass().getResource("holidays-2026-cn.txt").toURI())),
                5, SHANGHAI);
        store.addProjection(new ReportsProjection(new ObjectMapper(), new ReportFacts(SHANGHAI), deadline));
        cases = new CaseService(store, deadline, clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    void rate(long seq, String level, int score, String at, String reasons) {
        store.ingest(new IngestBatch(List.of(Envelopes.envelope("wuquan", "k1", seq, "id-" + seq, "rating.submitted",
                Instant.parse(at).toEpochMilli(), "{\"window\":\"3\",\"level\":\"" + level + "\",\"score\":" + score
                        + ",\"verdict\":\"x\",\"ticket\":\"A015\",\"staff\":\"s-7\",\"channel\":\"terminal\",\"reasons\":"
                        + reasons + "}")), List.of(), clock.millis()));
    }

    @Test
    void oneCasePerBadRatingWithItsReasonsAndWorkingDayDeadline() {
        rate(1, "very_dissatisfied", 1, "2026-09-30T02:00:00Z", "[\"waiting_time\",\"attitude\"]");
        rate(2, "satisfied", 4, "2026-09-30T02:01:00Z", "[]");
        rate(3, "dissatisfied", 2, "2026-09-30T02:02:00Z", "[]");

        List<FollowupCase> open = cases.list(new CaseFilter("open", null, null, null, null, cases.today()));
        assertThat(open).hasSize(2);
        FollowupCase first = open.getLast();
        assertThat(first.reasons()).containsExactly("waiting_time", "attitude");
        assertThat(first.level()).isEqualTo("very_dissatisfied");
        assertThat(first.staff()).isEqualTo("s-7");
        assertThat(first.ticket()).isEqualTo("A015");
        // National Day week off, Saturday Oct 10 worked: five working days after Sept 30 end on Oct 13
        assertThat(first.due()).isEqualTo(LocalDate.of(2026, 10, 13));
        assertThat(open.getFirst().reasons()).isEmpty();
    }

    @Test
    void stepsInOrderAreRecordedWithUserTimeAndNoteAndOutOfOrderIsRefused() throws Exception {
        rate(1, "dissatisfied", 2, "2026-09-30T02:00:00Z", "[]");
        long id = cases.list(new CaseFilter(null, null, null, null, null, cases.today())).getFirst().id();

        assertThatThrownBy(() -> cases.step(id, StepKind.CLOSE, null, null, "zhang"))
                .isInstanceOfSatisfying(StepRefusedException.class,
                        e -> assertThat(e.code()).isEqualTo(StepRefusedException.OUT_OF_ORDER));
        cases.step(id, StepKind.VERIFY, "监控已查看", null, "zhang");
        clock.set(Instant.parse("2026-10-08T03:00:00Z"));
        cases.step(id, StepKind.RECTIFY, "高峰增开窗口", null, "zhang");
        cases.step(id, StepKind.REVISIT, "电话回访", ResidentView.SATISFIED, "li");
        FollowupCase closed = cases.step(id, StepKind.CLOSE, null, null, "wang").orElseThrow();

        assertThat(closed.state()).isEqualTo(CaseState.CLOSED);
        FollowupCase stored = cases.find(id).orElseThrow();
        assertThat(stored).isEqualTo(closed);
        assertThat(stored.steps()).extracting(CaseStep::user).containsExactly("zhang", "zhang", "li", "wang");
        assertThat(stored.steps().getFirst().note()).isEqualTo("监控已查看");
        assertThat(stored.steps().get(1).at()).isEqualTo(Instant.parse("2026-10-08T03:00:00Z"));
        assertThat(stored.steps().get(2).view()).isEqualTo(ResidentView.SATISFIED);
        assertThat(cases.list(new CaseFilter("closed", null, null, null, null, cases.today()))).hasSize(1);
        assertThat(cases.list(new CaseFilter("open", null, null, null, null, cases.today()))).isEmpty();
        assertThat(cases.step(999, StepKind.VERIFY, null, null, "zhang")).isEmpty();
    }

    @Test
    void anOverdueCaseRaisesOneAlarmPerKioskUntilItIsClosed() throws Exception {
        rate(1, "dissatisfied", 2, "2026-09-30T02:00:00Z", "[]");
        rate(2, "very_dissatisfied", 1, "2026-09-30T03:00:00Z", "[]");
        cases.checkOverdue();
        assertThat(caseAlarms()).isEmpty();

        clock.set(Instant.parse("2026-10-13T15:00:00Z")); // 23:00 on the due day: not overdue yet
        cases.checkOverdue();
        assertThat(caseAlarms()).isEmpty();
        clock.set(Instant.parse("2026-10-13T16:00:00Z")); // midnight in Shanghai: past due
        cases.checkOverdue();
        assertThat(cases.list(new CaseFilter("overdue", null, null, null, null, cases.today()))).hasSize(2);
        List<Alarm> alarms = caseAlarms();
        assertThat(alarms).hasSize(1);
        assertThat(alarms.getFirst().kiosk().kiosk()).isEqualTo("k1");
        assertThat(alarms.getFirst().message()).startsWith("2 bad-rating cases");

        for (FollowupCase c : cases.list(new CaseFilter("open", null, null, null, null, cases.today()))) {
            cases.step(c.id(), StepKind.INVALID, "测试按键", null, "zhang");
        }
        cases.checkOverdue();
        assertThat(caseAlarms()).isEmpty();
        assertThat(store.alarms(Alarm.CLEARED, null, 10).getFirst().kind()).isEqualTo(CaseService.ALARM_KIND);
    }

    private List<Alarm> caseAlarms() {
        return store.alarms(Alarm.ACTIVE, null, 100).stream().filter(a -> a.kind().equals(CaseService.ALARM_KIND)).toList();
    }
}

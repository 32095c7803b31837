package org.openhall.centre.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class FollowupCaseTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Instant RATED = Instant.parse("2026-11-12T02:00:00Z");
    private static final LocalDate DUE = LocalDate.of(2026, 11, 19);

    private static FollowupCase fresh(long id) {
        return FollowupCase.opened(id, "wuquan", "wq-01", "3", "s-7", "A015", "very_dissatisfied",
                List.of("waiting_time"), RATED, DUE);
    }

    private static CaseStep step(StepKind kind, String note) {
        return new CaseStep(kind, "zhang", RATED.plusSeconds(3600), note, null);
    }

    private static CaseStep revisit(ResidentView view, String day) {
        return new CaseStep(StepKind.REVISIT, "li", Instant.parse(day + "T03:00:00Z"), "phoned", view);
    }

    @Test
    void goesThroughVerifyRectifyRevisitClose() throws Exception {
        FollowupCase c = fresh(1).next(step(StepKind.VERIFY, "checked the recording"))
                .next(step(StepKind.RECTIFY, "second clerk at rush hour"))
                .next(revisit(ResidentView.BASICALLY_SATISFIED, "2026-11-16"))
                .next(new CaseStep(StepKind.CLOSE, "wang", Instant.parse("2026-11-16T04:00:00Z"), null, null));
        assertThat(c.state()).isEqualTo(CaseState.CLOSED);
        assertThat(c.steps()).extracting(CaseStep::step)
                .containsExactly(StepKind.VERIFY, StepKind.RECTIFY, StepKind.REVISIT, StepKind.CLOSE);
        assertThat(c.steps().get(2).view()).isEqualTo(ResidentView.BASICALLY_SATISFIED);
        assertThat(c.steps().get(3).user()).isEqualTo("wang");
        assertThat(c.overdue(DUE.plusDays(10))).isFalse();
    }

    @Test
    void stepsOutOfOrderAreRefused() throws Exception {
        assertOutOfOrder(fresh(1), StepKind.RECTIFY);
        assertOutOfOrder(fresh(1), StepKind.CLOSE);
        FollowupCase verified = fresh(1).next(step(StepKind.VERIFY, null));
        assertOutOfOrder(verified, StepKind.VERIFY);
        assertOutOfOrder(verified, StepKind.CLOSE);
        FollowupCase rectified = verified.next(step(StepKind.RECTIFY, null));
        assertOutOfOrder(rectified, StepKind.INVALID);
        assertOutOfOrder(rectified, StepKind.CLOSE);
        FollowupCase closed = rectified.next(revisit(ResidentView.SATISFIED, "2026-11-13"))
                .next(step(StepKind.CLOSE, null));
        for (StepKind kind : List.of(StepKind.VERIFY, StepKind.RECTIFY, StepKind.CLOSE, StepKind.INVALID)) {
            assertOutOfOrder(closed, kind);
        }
    }

    @Test
    void aSatisfiedRevisitCannotBeRectifiedAgainButADissatisfiedOneCan() throws Exception {
        FollowupCase rectified = fresh(1).next(step(StepKind.VERIFY, null)).next(step(StepKind.RECTIFY, null));
        assertOutOfOrder(rectified.next(revisit(ResidentView.SATISFIED, "2026-11-13")), StepKind.RECTIFY);
        FollowupCase again = rectified.next(revisit(ResidentView.DISSATISFIED, "2026-11-13"))
                .next(step(StepKind.RECTIFY, "retrained"));
        assertThat(again.state()).isEqualTo(CaseState.RECTIFIED);
    }

    @Test
    void invalidNeedsItsReasonAndRevisitItsView() throws Exception {
        assertThatThrownBy(() -> fresh(1).next(step(StepKind.INVALID, " ")))
                .isInstanceOfSatisfying(StepRefusedException.class,
                        e -> assertThat(e.code()).isEqualTo(StepRefusedException.INVALID_ARGUMENT));
        FollowupCase rectified = fresh(1).next(step(StepKind.VERIFY, null)).next(step(StepKind.RECTIFY, null));
        assertThatThrownBy(() -> rectified.next(step(StepKind.REVISIT, "no view")))
                .isInstanceOfSatisfying(StepRefusedException.class,
                        e -> assertThat(e.code()).isEqualTo(StepRefusedException.INVALID_ARGUMENT));
        assertThat(fresh(1).next(step(StepKind.INVALID, "pressed by a child")).state()).isEqualTo(CaseState.INVALID);
    }

    @Test
    void overdueMeansOpenAfterTheDueDay() throws Exception {
        assertThat(fresh(1).overdue(DUE)).isFalse();
        assertThat(fresh(1).overdue(DUE.plusDays(1))).isTrue();
        assertThat(fresh(1).next(step(StepKind.INVALID, "test press")).overdue(DUE.plusDays(1))).isFalse();
    }

    @Test
    void figuresCountRectifiedAndRevisitedOfTheValidCases() throws Exception {
        FollowupCase closedOnTime = fresh(1).next(step(StepKind.VERIFY, null)).next(step(StepKind.RECTIFY, null))
                .next(revisit(ResidentView.SATISFIED, "2026-11-13"))
                .next(new CaseStep(StepKind.CLOSE, "wang", Instant.parse("2026-11-19T15:00:00Z"), null, null));
        FollowupCase closedLate = fresh(2).next(step(StepKind.VERIFY, null)).next(step(StepKind.RECTIFY, null))
                .next(revisit(ResidentView.DISSATISFIED, "2026-11-20"))
                // 16:30Z on the 19th is already the 20th in Shanghai: one day late
                .next(new CaseStep(StepKind.CLOSE, "wang", Instant.parse("2026-11-19T16:30:00Z"), null, null));
        FollowupCase onlyRectified = fresh(3).next(step(StepKind.VERIFY, null)).next(step(StepKind.RECTIFY, null));
        FollowupCase untouched = fresh(4);
        FollowupCase invalid = fresh(5).next(step(StepKind.INVALID, "test press"));

        CaseFigures figures = CaseFigures.of(List.of(closedOnTime, closedLate, onlyRectified, untouched, invalid),
                LocalDate.of(2026, 11, 25), SHANGHAI);

        assertThat(figures).isEqualTo(new CaseFigures(5, 1, 3, 2, 2, 1, 2, 1));
        assertThat(figures.rectifiedRate()).isEqualTo(0.75);
        assertThat(figures.revisitRate()).isEqualTo(0.5);
        assertThat(figures.revisitSatisfiedRate()).isEqualTo(0.5);
        assertThat(CaseFigures.of(List.of(), LocalDate.of(2026, 11, 25), SHANGHAI).rectifiedRate()).isNull();
    }

    private static void assertOutOfOrder(FollowupCase c, StepKind kind) {
        CaseStep attempt = new CaseStep(kind, "zhang", RATED, kind == StepKind.INVALID ? "why" : null,
                kind == StepKind.REVISIT ? ResidentView.SATISFIED : null);
        assertThatThrownBy(() -> c.next(attempt)).isInstanceOfSatisfying(StepRefusedException.class,
                e -> assertThat(e.code()).isEqualTo(StepRefusedException.OUT_OF_ORDER));
    }
}

package org.openhall.centre.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeriodTest {
    @Test
    void onAMondayYesterdaysDayAndLastWeekHaveEnded() {
        // data since Wed 2026-03-04; today Mon 2026-03-09
        List<Period> ended = Period.ended(LocalDate.of(2026, 3, 4), LocalDate.of(2026, 3, 9));
        assertThat(ended).extracting(Period::fileStem).containsExactly("daily-2026-03-04", "daily-2026-03-05",
                "daily-2026-03-06", "daily-2026-03-07", "daily-2026-03-08", "weekly-2026-W10");
        assertThat(ended.getLast().from()).isEqualTo(LocalDate.of(2026, 3, 2));
        assertThat(ended.getLast().to()).isEqualTo(LocalDate.of(2026, 3, 8));
    }

    @Test
    void onTheFirstLastMonthHasEndedAndNotBefore() {
        assertThat(Period.ended(LocalDate.of(2026, 2, 27), LocalDate.of(2026, 2, 28)))
                .extracting(Period::fileStem).containsExactly("daily-2026-02-27");
        assertThat(Period.ended(LocalDate.of(2026, 2, 27), LocalDate.of(2026, 3, 1)))
                .extracting(Period::fileStem).containsExactly("daily-2026-02-27", "daily-2026-02-28", "monthly-2026-02");
    }

    @Test
    void aCentreDownForLongCatchesUpOnlyWithinItsReach() {
        List<Period> ended = Period.ended(LocalDate.of(2025, 1, 1), LocalDate.of(2026, 3, 9));
        assertThat(ended.stream().filter(p -> p.kind() == PeriodKind.DAILY)).hasSize(62);
        assertThat(ended.stream().filter(p -> p.kind() == PeriodKind.WEEKLY)).hasSize(12);
        assertThat(ended.stream().filter(p -> p.kind() == PeriodKind.MONTHLY)).hasSize(13);
        assertThat(ended.stream().filter(p -> p.kind() == PeriodKind.MONTHLY).findFirst().orElseThrow().name())
                .isEqualTo("2025-02");
    }

    @Test
    void theIsoWeekAcrossNewYear() {
        assertThat(Period.weekOf(LocalDate.of(2027, 1, 3)).name()).isEqualTo("2026-W53");
        assertThat(Period.weekOf(LocalDate.of(2027, 1, 3)).from()).isEqualTo(LocalDate.of(2026, 12, 28));
    }
}

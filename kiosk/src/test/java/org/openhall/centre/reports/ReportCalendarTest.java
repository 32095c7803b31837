package org.openhall.centre.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ReportCalendarTest {
    private final ReportCalendar shanghai = new ReportCalendar(ZoneId.of("Asia/Shanghai"));

    @Test
    void keysAreTakenInTheCentresZone() {
        // 2026-02-28T16:30Z is 2026-03-01 00:30 in Shanghai: a Sunday, still ISO week 9
        ReportCalendar.Keys keys = shanghai.keys(Instant.parse("2026-02-28T16:30:00Z"));
        assertThat(keys).isEqualTo(new ReportCalendar.Keys("2026-03-01", "2026-W09", "2026-03", "00", 7));
        assertThat(new ReportCalendar(ZoneId.of("UTC")).keys(Instant.parse("2026-02-28T16:30:00Z")))
                .isEqualTo(new ReportCalendar.Keys("2026-02-28", "2026-W09", "2026-02", "16", 6));
    }

    @Test
    void weeksStartOnMondayInTheWeekBasedYear() {
        assertThat(ReportCalendar.week(LocalDate.of(2026, 3, 1))).isEqualTo("2026-W09");  // Sunday
        assertThat(ReportCalendar.week(LocalDate.of(2026, 3, 2))).isEqualTo("2026-W10");  // Monday
        assertThat(ReportCalendar.week(LocalDate.of(2027, 1, 1))).isEqualTo("2026-W53");  // Friday
        assertThat(ReportCalendar.week(LocalDate.of(2026, 12, 28))).isEqualTo("2026-W53");
    }
}

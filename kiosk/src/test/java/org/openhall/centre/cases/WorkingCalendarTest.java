package org.openhall.centre.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Deadlines in working days over the real 2026 calendar of China (National Day week, its make-up days). */
class WorkingCalendarTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static WorkingCalendar calendar2026() throws Exception {
        return HolidaysFile.load(resource("holidays-2026-cn.txt"));
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(WorkingCalendarTest.class.getResource(name).toURI());
    }

    @Test
    void plainWeekSkipsTheWeekend() {
        // Thursday 2026-11-12 + 5 working days: Fri 13, Mon 16, Tue 17, Wed 18, Thu 19
        assertThat(WorkingCalendar.weekdays().workingDaysAfter(LocalDate.of(2026, 11, 12), 5))
                .isEqualTo(LocalDate.of(2026, 11, 19));
    }

    @Test
    void nationalDayWeekIsSkippedAndItsMakeUpSaturdayCounts() throws Exception {
        WorkingCalendar calendar = calendar2026();
        // Wed 2026-09-30; Oct 1-7 off; Thu 8 (1), Fri 9 (2), Sat 10 is a working day (3), Mon 12 (4), Tue 13 (5)
        assertThat(calendar.workingDaysAfter(LocalDate.of(2026, 9, 30), 5)).isEqualTo(LocalDate.of(2026, 10, 13));
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 10))).isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 5))).isFalse();
        // without the holidays file the same rating would be due on Wed 2026-10-07
        assertThat(WorkingCalendar.weekdays().workingDaysAfter(LocalDate.of(2026, 9, 30), 5))
                .isEqualTo(LocalDate.of(2026, 10, 7));
    }

    @Test
    void aMovedWorkingSundayCountsAndTheMidAutumnFridayDoesNot() throws Exception {
        WorkingCalendar calendar = calendar2026();
        // Fri 2026-09-18: Sat 19 off, Sun 20 works (1), Mon 21 (2), Tue 22 (3), Wed 23 (4), Thu 24 (5)
        assertThat(calendar.workingDaysAfter(LocalDate.of(2026, 9, 18), 5)).isEqualTo(LocalDate.of(2026, 9, 24));
        // Thu 2026-09-24: Fri 25 Mid-Autumn off, Sat-Sun off, Mon 28 (1), Tue 29 (2), Wed 30 (3), then Oct 8 (4), 9 (5)
        assertThat(calendar.workingDaysAfter(LocalDate.of(2026, 9, 24), 5)).isEqualTo(LocalDate.of(2026, 10, 9));
    }

    @Test
    void aRatingOnAHolidayCountsFromTheNextWorkingDay() throws Exception {
        // rated on Sat 2026-10-03 (holiday): Thu 8 (1), Fri 9 (2), Sat 10 (3)
        assertThat(calendar2026().workingDaysAfter(LocalDate.of(2026, 10, 3), 3)).isEqualTo(LocalDate.of(2026, 10, 10));
    }

    @Test
    void theRatingsDayIsTakenInTheCentresTimeZone() throws Exception {
        Deadline deadline = new Deadline(calendar2026(), 1, SHANGHAI);
        // 2026-09-30T16:30Z is already 2026-10-01 00:30 in Shanghai: a holiday, so the next working day is Oct 8
        assertThat(deadline.due(Instant.parse("2026-09-30T16:30:00Z"))).isEqualTo(LocalDate.of(2026, 10, 8));
        // 2026-09-30T15:30Z is still 23:30 on Sept 30 in Shanghai: due on the next working day, Oct 8 too
        assertThat(deadline.due(Instant.parse("2026-09-30T15:30:00Z"))).isEqualTo(LocalDate.of(2026, 10, 8));
        // in UTC, 2026-09-29T20:00Z is the 29th; in Shanghai the 30th
        assertThat(new Deadline(calendar2026(), 1, ZoneId.of("UTC")).due(Instant.parse("2026-09-29T20:00:00Z")))
                .isEqualTo(LocalDate.of(2026, 9, 30));
        assertThat(deadline.due(Instant.parse("2026-09-29T20:00:00Z"))).isEqualTo(LocalDate.of(2026, 10, 8));
    }

    @Test
    void springFestivalAndItsTwoMakeUpSaturdays() throws Exception {
        WorkingCalendar calendar = calendar2026();
        // Fri 2026-02-13: Sat 14 works (1), Feb 15-23 off, Tue 24 (2), Wed 25 (3), Thu 26 (4), Fri 27 (5)
        assertThat(calendar.workingDaysAfter(LocalDate.of(2026, 2, 13), 5)).isEqualTo(LocalDate.of(2026, 2, 27));
        // one more: Sat 28 works
        assertThat(calendar.workingDaysAfter(LocalDate.of(2026, 2, 13), 6)).isEqualTo(LocalDate.of(2026, 2, 28));
    }

    @Test
    void badLinesAreRefusedWithTheirLineNumber() {
        assertThatThrownBy(() -> HolidaysFile.parse(List.of("# header", "2026-10-01 off", "2026-10-32 off")))
                .hasMessageContaining("line 3");
        assertThatThrownBy(() -> HolidaysFile.parse(List.of("2026-10-01 holiday")))
                .hasMessageContaining("line 1");
        assertThatThrownBy(() -> HolidaysFile.parse(List.of("2026-10-01 off", "2026-10-01 work")))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> HolidaysFile.load(Path.of("/nonexistent/holidays.txt")))
                .hasMessageContaining("cannot read");
    }
}

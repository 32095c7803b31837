package org.openhall.centre.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PauseSplitTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void aPauseWithinADayIsOnePart() {
        assertThat(PauseSplit.byDay(Instant.parse("2026-03-08T04:00:00Z"), 900, SHANGHAI))
                .isEqualTo(Map.of(LocalDate.of(2026, 3, 8), 900L));
    }

    @Test
    void aPauseOverMidnightIsSplitBetweenTheDays() {
        // resumed at 00:10 Shanghai (16:10Z) after 30 minutes: 20 min on the 8th, 10 min on the 9th
        assertThat(PauseSplit.byDay(Instant.parse("2026-03-08T16:10:00Z"), 1800, SHANGHAI))
                .isEqualTo(Map.of(LocalDate.of(2026, 3, 8), 1200L, LocalDate.of(2026, 3, 9), 600L));
    }

    @Test
    void nothingPausedIsNothing() {
        assertThat(PauseSplit.byDay(Instant.parse("2026-03-08T16:10:00Z"), 0, SHANGHAI)).isEmpty();
    }
}

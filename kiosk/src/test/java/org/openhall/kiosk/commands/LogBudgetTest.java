package org.openhall.kiosk.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.openhall.kiosk.testing.TestClock;
import org.slf4j.LoggerFactory;

class LogBudgetTest {
    @Test
    void allowsTheBudgetPerMinuteThenCountsUntilTheNextMinute() {
        TestClock clock = TestClock.fixed(Instant.parse("2026-03-08T01:00:00Z"), ZoneOffset.UTC);
        LogBudget budget = new LogBudget(clock, 3, "things");
        var log = LoggerFactory.getLogger(LogBudgetTest.class);
        int allowed = 0;
        for (int i = 0; i < 10; i++) {
            allowed += budget.allow(log) ? 1 : 0;
        }
        assertThat(allowed).isEqualTo(3);
        clock.jump(Duration.ofSeconds(59));
        assertThat(budget.allow(log)).isFalse();
        clock.jump(Duration.ofSeconds(1));
        assertThat(budget.allow(log)).isTrue();
    }
}

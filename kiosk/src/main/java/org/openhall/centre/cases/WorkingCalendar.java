package org.openhall.centre.cases;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;

/**
 * Which days are working days: Monday to Friday, except the days the official calendar gives off, plus the
 * weekend days it moves work to (调休: both directions happen every year, e.g. 2026-10-01 off, 2026-10-10 work).
 */
public final class WorkingCalendar {
    private final Map<LocalDate, Boolean> overrides;

    /** @param overrides a day mapped to true (a working day) or false (a day off), whatever its weekday */
    public WorkingCalendar(Map<LocalDate, Boolean> overrides) {
        this.overrides = Map.copyOf(overrides);
    }

    /** Monday to Friday, no holidays. */
    public static WorkingCalendar weekdays() {
        return new WorkingCalendar(Map.of());
    }

    public boolean isWorkingDay(LocalDate day) {
        Boolean override = overrides.get(day);
        if (override != null) {
            return override;
        }
        DayOfWeek weekday = day.getDayOfWeek();
        return weekday != DayOfWeek.SATURDAY && weekday != DayOfWeek.SUNDAY;
    }

    /**
     * The {@code n}-th working day after {@code day}, that day not counted (n = 0 gives {@code day} itself).
     *
     * @throws IllegalArgumentException for a negative n
     */
    public LocalDate workingDaysAfter(LocalDate day, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("working days must not be negative: " + n);
        }
        LocalDate current = day;
        for (int counted = 0; counted < n; ) {
            current = current.plusDays(1);
            if (isWorkingDay(current)) {
                counted++;
            }
        }
        return current;
    }
}

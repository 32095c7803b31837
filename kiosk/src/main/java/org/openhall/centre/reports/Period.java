package org.openhall.centre.reports;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/** One period of a periodic report: its kind, its name ({@code 2026-03-08}, {@code 2026-W10}, {@code 2026-03}) and days. */
public record Period(PeriodKind kind, String name, LocalDate from, LocalDate to) {
    static final int DAYS_BACK = 62;
    static final int WEEKS_BACK = 12;
    static final int MONTHS_BACK = 13;

    public static Period day(LocalDate day) {
        return new Period(PeriodKind.DAILY, day.toString(), day, day);
    }

    public static Period weekOf(LocalDate day) {
        LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return new Period(PeriodKind.WEEKLY, ReportCalendar.week(monday), monday, monday.plusDays(6));
    }

    public static Period monthOf(LocalDate day) {
        LocalDate first = day.withDayOfMonth(1);
        return new Period(PeriodKind.MONTHLY, ReportCalendar.month(first), first,
                first.with(TemporalAdjusters.lastDayOfMonth()));
    }

    /**
     * Every period that has ended before {@code today} and does not start before {@code firstDay} (the first
     * day with data), oldest first, reaching back at most 62 days, 12 weeks and 13 months: what a centre that
     * was down catches up on.
     */
    public static List<Period> ended(LocalDate firstDay, LocalDate today) {
        List<Period> periods = new ArrayList<>();
        LocalDate yesterday = today.minusDays(1);
        for (LocalDate d = later(firstDay, today.minusDays(DAYS_BACK)); !d.isAfter(yesterday); d = d.plusDays(1)) {
            periods.add(day(d));
        }
        for (Period w = weekOf(later(firstDay, today.minusWeeks(WEEKS_BACK))); !w.to().isAfter(yesterday);
                w = weekOf(w.to().plusDays(1))) {
            periods.add(w);
        }
        for (Period m = monthOf(later(firstDay, today.minusMonths(MONTHS_BACK))); !m.to().isAfter(yesterday);
                m = monthOf(m.to().plusDays(1))) {
            periods.add(m);
        }
        return periods;
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    /** The file name without extension: {@code daily-2026-03-08}. */
    public String fileStem() {
        return kind.wireName() + "-" + name;
    }
}

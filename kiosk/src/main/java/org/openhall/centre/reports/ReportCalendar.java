package org.openhall.centre.reports;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;

/**
 * The report keys of an instant in the centre's time zone: day {@code 2026-03-08}, ISO week {@code 2026-W10}
 * (Monday first, in the ISO week-based year: 2027-01-01 is in 2026-W53), month
 * {@code 2026-03}, hour of day {@code 09}, ISO weekday {@code 1} (Monday) to {@code 7}.
 */
public record ReportCalendar(ZoneId zone) {

    public ZonedDateTime local(Instant at) {
        return at.atZone(zone);
    }

    public String day(Instant at) {
        return LocalDate.ofInstant(at, zone).toString();
    }

    public static String week(LocalDate day) {
        return day.get(IsoFields.WEEK_BASED_YEAR) + "-W" + twoDigits(day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    public String week(Instant at) {
        return week(LocalDate.ofInstant(at, zone));
    }

    public static String month(LocalDate day) {
        return day.getYear() + "-" + twoDigits(day.getMonthValue());
    }

    public String month(Instant at) {
        return month(LocalDate.ofInstant(at, zone));
    }

    public String hour(Instant at) {
        return twoDigits(local(at).getHour());
    }

    public int weekday(Instant at) {
        return local(at).getDayOfWeek().getValue();
    }

    /** Every key of one instant at once, as a projection stores them. */
    public Keys keys(Instant at) {
        ZonedDateTime local = local(at);
        LocalDate day = local.toLocalDate();
        return new Keys(day.toString(), week(day), month(day), twoDigits(local.getHour()), local.getDayOfWeek().getValue());
    }

    /** {@code %02d} for 0-99 without a Formatter: the keys are made for every projected rating. */
    private static String twoDigits(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }

    public record Keys(String day, String week, String month, String hour, int weekday) {
    }
}

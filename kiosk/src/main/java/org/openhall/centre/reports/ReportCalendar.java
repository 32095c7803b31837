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
        return String.format("%d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    public String week(Instant at) {
        return week(LocalDate.ofInstant(at, zone));
    }

    public static String month(LocalDate day) {
        return String.format("%d-%02d", day.getYear(), day.getMonthValue());
    }

    public String month(Instant at) {
        return month(LocalDate.ofInstant(at, zone));
    }

    public String hour(Instant at) {
        return String.format("%02d", local(at).getHour());
    }

    public int weekday(Instant at) {
        return local(at).getDayOfWeek().getValue();
    }

    /** Every key of one instant at once, as a projection stores them. */
    public Keys keys(Instant at) {
        LocalDate day = LocalDate.ofInstant(at, zone);
        return new Keys(day.toString(), week(day), month(day), hour(at), weekday(at));
    }

    public record Keys(String day, String week, String month, String hour, int weekday) {
    }
}

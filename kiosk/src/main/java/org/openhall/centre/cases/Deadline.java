package org.openhall.centre.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * When a bad rating's case is due: the date of the {@code workingDays}-th working day after the rating's day
 * (that day not counted), days taken in the centre's time zone.
 */
public record Deadline(WorkingCalendar calendar, int workingDays, ZoneId zone) {
    public Deadline {
        if (workingDays < 0) {
            throw new IllegalArgumentException("deadline_working_days must not be negative");
        }
    }

    public LocalDate due(Instant ratedAt) {
        return calendar.workingDaysAfter(LocalDate.ofInstant(ratedAt, zone), workingDays);
    }

    public LocalDate today(Instant now) {
        return LocalDate.ofInstant(now, zone);
    }
}

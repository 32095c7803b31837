package org.openhall.centre.reports;

/** One rating as projected into the report tables, with its keys in centre.timezone. */
public record RatingFact(String site, String kiosk, long seq, long ratedMs, ReportCalendar.Keys keys, String window,
        String staff, String ticket, int score) {
}

package org.openhall.centre.reports;

import java.time.LocalDate;

/** The days a report covers, both included (centre.timezone), and its site (null: every site). */
public record ReportQuery(LocalDate from, LocalDate to, String site) {
    /** The longest span one query may cover, so no request can ask for decades of rows. */
    public static final int MAX_DAYS = 400;

    public ReportQuery {
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("from is after to");
        }
        if (from.plusDays(MAX_DAYS).isBefore(to)) {
            throw new IllegalArgumentException("at most " + MAX_DAYS + " days in one report");
        }
    }
}

package org.openhall.centre.reports;

import java.time.LocalDate;

/** Figures of the monthly summary (月汇总) that another part of the centre keeps, such as the parcels. */
@FunctionalInterface
public interface MonthlyFigures {
    /** The section for the month's days {@code from} to {@code to}, both included. */
    HtmlReport.Section section(LocalDate from, LocalDate to);
}

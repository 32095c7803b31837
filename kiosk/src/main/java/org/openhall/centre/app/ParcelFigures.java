package org.openhall.centre.app;

import java.util.ArrayList;
import java.util.List;
import org.openhall.centre.parcels.ParcelCounts;
import org.openhall.centre.parcels.ParcelDesk;
import org.openhall.centre.reports.HtmlReport;
import org.openhall.centre.reports.MonthlyFigures;
import org.openhall.centre.reports.ReportTable;

/** The parcels' part of the monthly summary: a row per site, as {@code GET /api/reports/parcels} counts them. */
final class ParcelFigures {
    static final List<String> COLUMNS = List.of("site", "registered", "handedOver", "delivered", "rescheduled",
            "returned", "outAtWriting", "overdueAtWriting");

    private ParcelFigures() {}

    static MonthlyFigures monthly(ParcelDesk desk) {
        return (from, to) -> new HtmlReport.Section("政务包裹 Government parcels", table(desk.counts(from, to.plusDays(1), null)));
    }

    static ReportTable table(List<ParcelCounts> counts) {
        List<List<Object>> rows = new ArrayList<>();
        for (ParcelCounts c : counts) {
            rows.add(List.of(c.site(), c.registered(), c.handedOver(), c.delivered(), c.rescheduled(), c.returned(),
                    c.outNow(), c.overdueNow()));
        }
        return new ReportTable("parcels", COLUMNS, rows);
    }
}

package org.openhall.centre.reports;

import java.util.List;
import org.openhall.centre.store.CentreStore;

/** The rating and queue reports, each one read-only transaction on the centre's store. */
public final class ReportService {
    private final CentreStore store;
    private final ReportStore tables = new ReportStore();

    public ReportService(CentreStore store) {
        this.store = store;
    }

    public List<RatingRow> ratings(RatingGrouping by, ReportQuery q) {
        return RatingReport.rows(store.inTransaction(tx -> tables.ratingCells(tx.connection(), by, q)));
    }

    public List<QueueRow> queue(QueueGrouping by, ReportQuery q) {
        return QueueReport.rows(store.inTransaction(tx -> tables.queueCells(tx.connection(), by, q)), by);
    }

    public List<PausedDay> paused(ReportQuery q) {
        return store.inTransaction(tx -> tables.pausedDays(tx.connection(), q));
    }

    /** The first day with projected data (null when none), where the periodic reports start. */
    public String firstDay() {
        return store.inTransaction(tx -> tables.firstDay(tx.connection()));
    }
}

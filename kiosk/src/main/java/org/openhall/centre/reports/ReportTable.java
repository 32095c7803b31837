package org.openhall.centre.reports;

import java.util.ArrayList;
import java.util.List;

/**
 * A report as a table: a title (the sheet's name), column names as in the JSON rows, and cells (String,
 * Long or Double; null is an empty cell). CSV and xlsx are written from the same table, so they cannot differ.
 */
public record ReportTable(String title, List<String> columns, List<List<Object>> rows) {
    public static final List<String> RATING_COLUMNS = List.of("key", "site", "total", "very_satisfied", "satisfied",
            "basically_satisfied", "dissatisfied", "very_dissatisfied", "good", "bad", "goodRate");
    public static final List<String> QUEUE_COLUMNS = List.of("key", "site", "issued", "called", "noShows",
            "waitP50S", "waitP90S", "serviceP50S", "serviceP90S");
    public static final List<String> PAUSED_COLUMNS = List.of("site", "kiosk", "window", "day", "pausedS");

    public ReportTable {
        columns = List.copyOf(columns);
        rows = rows.stream().map(r -> java.util.Collections.unmodifiableList(new ArrayList<>(r))).toList();
    }

    public static ReportTable ofRatings(String title, List<RatingRow> rows) {
        return new ReportTable(title, RATING_COLUMNS, rows.stream().<List<Object>>map(r -> java.util.Arrays.asList(
                r.key(), r.site(), r.total(), r.verySatisfied(), r.satisfied(), r.basicallySatisfied(),
                r.dissatisfied(), r.veryDissatisfied(), r.good(), r.bad(), r.goodRate())).toList());
    }

    public static ReportTable ofQueue(String title, List<QueueRow> rows) {
        return new ReportTable(title, QUEUE_COLUMNS, rows.stream().<List<Object>>map(r -> java.util.Arrays.asList(
                r.key(), r.site(), r.issued(), r.called(), r.noShows(), r.waitP50S(), r.waitP90S(), r.serviceP50S(),
                r.serviceP90S())).toList());
    }

    public static ReportTable ofPaused(String title, List<PausedDay> rows) {
        return new ReportTable(title, PAUSED_COLUMNS, rows.stream().<List<Object>>map(r -> java.util.Arrays.asList(
                r.site(), r.kiosk(), r.window(), r.day(), r.pausedS())).toList());
    }
}

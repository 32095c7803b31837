package org.openhall.centre.reports;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Folds queue cells into report rows, sorted by key then site. */
public final class QueueReport {
    private QueueReport() {
    }

    private static final class Tally {
        long issued;
        long called;
        long noShows;
        final SortedMap<Long, Long> waits = new TreeMap<>();
        final SortedMap<Long, Long> services = new TreeMap<>();
    }

    public static List<QueueRow> rows(List<QueueCell> cells, QueueGrouping grouping) {
        Map<List<String>, Tally> byKey = new LinkedHashMap<>();
        for (QueueCell cell : cells) {
            if (cell.key() == null || (grouping == QueueGrouping.WINDOW && cell.kind() == QueueEventKind.ISSUED)) {
                continue;
            }
            Tally t = byKey.computeIfAbsent(Arrays.asList(cell.key(), cell.site()), k -> new Tally());
            switch (cell.kind()) {
                case ISSUED -> t.issued += cell.count();
                case CALLED -> {
                    t.called += cell.count();
                    add(t.waits, cell);
                }
                case NO_SHOW -> t.noShows += cell.count();
                case COMPLETED -> add(t.services, cell);
            }
        }
        List<QueueRow> rows = new ArrayList<>();
        byKey.forEach((id, t) -> rows.add(new QueueRow(id.get(0), id.get(1),
                grouping == QueueGrouping.WINDOW ? null : t.issued, t.called, t.noShows,
                Percentiles.nearestRank(t.waits, 50), Percentiles.nearestRank(t.waits, 90),
                Percentiles.nearestRank(t.services, 50), Percentiles.nearestRank(t.services, 90))));
        rows.sort(Comparator.comparing(QueueRow::key)
                .thenComparing(QueueRow::site, Comparator.nullsFirst(Comparator.naturalOrder())));
        return rows;
    }

    private static void add(SortedMap<Long, Long> histogram, QueueCell cell) {
        if (cell.seconds() != null) {
            histogram.merge(cell.seconds(), cell.count(), Long::sum);
        }
    }
}

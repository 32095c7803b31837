package org.openhall.centre.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ReportFoldTest {
    @Test
    void ratingCellsBecomeRowsWithGoodBadAndRate() {
        List<RatingRow> rows = RatingReport.rows(List.of(
                new RatingCell("3", "wuquan", 5, 10), new RatingCell("3", "wuquan", 3, 4),
                new RatingCell("3", "wuquan", 2, 3), new RatingCell("3", "wuquan", 1, 4),
                new RatingCell("1", "wuquan", 4, 2), new RatingCell("3", "other", 1, 1)));
        assertThat(rows).containsExactly(
                new RatingRow("1", "wuquan", 2, 0, 2, 0, 0, 0, 2, 0, 1.0),
                new RatingRow("3", "other", 1, 0, 0, 0, 0, 1, 0, 1, 0.0),
                new RatingRow("3", "wuquan", 21, 10, 0, 4, 3, 4, 14, 7, 0.6667));
    }

    @Test
    void nearestRankPercentiles() {
        TreeMap<Long, Long> h = new TreeMap<>();
        for (long v = 1; v <= 10; v++) {
            h.put(v * 10, 1L);
        }
        assertThat(Percentiles.nearestRank(h, 50)).isEqualTo(50);
        assertThat(Percentiles.nearestRank(h, 90)).isEqualTo(90);
        assertThat(Percentiles.nearestRank(new TreeMap<>(java.util.Map.of(7L, 1L)), 90)).isEqualTo(7);
        assertThat(Percentiles.nearestRank(new TreeMap<>(), 50)).isNull();
        // 1 x 5 s, 8 x 60 s, 1 x 900 s: p50 and p90 are 60, only the top tenth would see 900
        assertThat(Percentiles.nearestRank(new TreeMap<>(java.util.Map.of(5L, 1L, 60L, 8L, 900L, 1L)), 90)).isEqualTo(60);
    }

    @Test
    void queueCellsBecomeRowsAndWindowsHaveNoIssuedCount() {
        List<QueueCell> cells = List.of(
                new QueueCell("A", "s", QueueEventKind.ISSUED, null, 5),
                new QueueCell("A", "s", QueueEventKind.CALLED, 60L, 3),
                new QueueCell("A", "s", QueueEventKind.CALLED, 600L, 1),
                new QueueCell("A", "s", QueueEventKind.NO_SHOW, null, 1),
                new QueueCell("A", "s", QueueEventKind.COMPLETED, 300L, 2));
        assertThat(QueueReport.rows(cells, QueueGrouping.CATEGORY))
                .containsExactly(new QueueRow("A", "s", 5L, 4, 1, 60L, 600L, 300L, 300L));
        assertThat(QueueReport.rows(cells, QueueGrouping.WINDOW))
                .containsExactly(new QueueRow("A", "s", null, 4, 1, 60L, 600L, 300L, 300L));
    }
}

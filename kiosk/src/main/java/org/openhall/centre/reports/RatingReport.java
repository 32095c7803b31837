package org.openhall.centre.reports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Folds rating cells (key, site, score, count) into report rows, sorted by key then site. */
public final class RatingReport {
    private RatingReport() {
    }

    public static List<RatingRow> rows(List<RatingCell> cells) {
        Map<List<String>, long[]> byKey = new LinkedHashMap<>();
        for (RatingCell cell : cells) {
            if (cell.score() < 1 || cell.score() > 5) {
                throw new IllegalArgumentException("score out of range: " + cell.score());
            }
            long[] perScore = byKey.computeIfAbsent(java.util.Arrays.asList(cell.key(), cell.site()), k -> new long[6]);
            perScore[cell.score()] += cell.count();
        }
        List<RatingRow> rows = new ArrayList<>();
        byKey.forEach((id, s) -> rows.add(row(id.get(0), id.get(1), s)));
        rows.sort(Comparator.comparing(RatingRow::key, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(RatingRow::site, Comparator.nullsFirst(Comparator.naturalOrder())));
        return rows;
    }

    private static RatingRow row(String key, String site, long[] s) {
        long good = s[5] + s[4] + s[3];
        long bad = s[2] + s[1];
        long total = good + bad;
        return new RatingRow(key, site, total, s[5], s[4], s[3], s[2], s[1], good, bad, rate(good, total));
    }

    static double rate(long part, long whole) {
        return whole == 0 ? 0 : Math.round(part * 10000.0 / whole) / 10000.0;
    }

    /** The row of {@code key} and {@code site}, for drill-downs and tests. */
    public static RatingRow find(List<RatingRow> rows, String key, String site) {
        return rows.stream().filter(r -> Objects.equals(r.key(), key) && Objects.equals(r.site(), site)).findFirst()
                .orElse(null);
    }
}

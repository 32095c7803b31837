package org.openhall.centre.reports;

import java.util.Map;
import java.util.SortedMap;

/** Nearest-rank percentiles of a histogram (value → how often): the smallest value with rank ≥ p·n. */
public final class Percentiles {
    private Percentiles() {
    }

    /** @return null for an empty histogram */
    public static Long nearestRank(SortedMap<Long, Long> histogram, int percent) {
        long n = histogram.values().stream().mapToLong(Long::longValue).sum();
        if (n == 0) {
            return null;
        }
        long rank = Math.max(1, (long) Math.ceil(percent / 100.0 * n));
        long seen = 0;
        for (Map.Entry<Long, Long> bucket : histogram.entrySet()) {
            seen += bucket.getValue();
            if (seen >= rank) {
                return bucket.getKey();
            }
        }
        return histogram.lastKey();
    }
}

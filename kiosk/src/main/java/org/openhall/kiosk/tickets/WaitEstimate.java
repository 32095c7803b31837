package org.openhall.kiosk.tickets;

import java.util.List;

/**
 * The expected wait from the category's recent call intervals: the mean interval between its last calls
 * that day, times the tickets ahead. Unknown (null) until two calls gave an interval. Intervals that run
 * backwards (a clock jump) are left out.
 */
final class WaitEstimate {
    private WaitEstimate() {}

    /** @param callTimesNewestFirst epoch millis of recent calls, newest first */
    static Integer minutes(List<Long> callTimesNewestFirst, int ahead) {
        long total = 0;
        int intervals = 0;
        for (int i = 0; i + 1 < callTimesNewestFirst.size(); i++) {
            long interval = callTimesNewestFirst.get(i) - callTimesNewestFirst.get(i + 1);
            if (interval >= 0) {
                total += interval;
                intervals++;
            }
        }
        if (intervals == 0) {
            return null;
        }
        double meanMs = (double) total / intervals;
        return (int) Math.ceil(ahead * meanMs / 60_000.0);
    }
}

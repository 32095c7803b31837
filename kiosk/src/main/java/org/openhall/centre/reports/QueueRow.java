package org.openhall.centre.reports;

/**
 * One row of a queue report (interface.md section 8). {@code issued} is null by window (a ticket is issued to
 * a category, not a window); a percentile is null when nothing was measured. Percentiles are nearest-rank.
 */
public record QueueRow(String key, String site, Long issued, long called, long noShows, Long waitP50S,
        Long waitP90S, Long serviceP50S, Long serviceP90S) {
}

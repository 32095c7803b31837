package org.openhall.centre.reports;

/**
 * How many queue events of one kind, with one duration in seconds (null for counts that have none), fell
 * under a key and site: a GROUP BY key, site, kind, seconds. Durations grouped by value keep the percentiles
 * exact while the database does the counting.
 */
public record QueueCell(String key, String site, QueueEventKind kind, Long seconds, long count) {
}

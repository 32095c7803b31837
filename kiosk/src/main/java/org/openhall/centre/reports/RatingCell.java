package org.openhall.centre.reports;

/** How many ratings of one score fell under one key (and site): what a GROUP BY key, site, score yields. */
public record RatingCell(String key, String site, int score, long count) {
}

package org.openhall.centre.reports;

import java.util.Optional;

/**
 * What the rows of a rating report are keyed by ({@code by=}). {@code weekday_hour} (key {@code 1-09}: ISO
 * weekday, hour) feeds the heat map. Window and staff rows always belong to one site (a window id is a
 * hall's own); time rows are per site when a site is asked for, else over all sites (site null).
 */
public enum RatingGrouping {
    WINDOW("window", true),
    STAFF("staff", true),
    DAY("day", false),
    WEEK("week", false),
    MONTH("month", false),
    HOUR("hour", false),
    WEEKDAY_HOUR("weekday_hour", false);

    private final String wireName;
    private final boolean perSite;

    RatingGrouping(String wireName, boolean perSite) {
        this.wireName = wireName;
        this.perSite = perSite;
    }

    public String wireName() {
        return wireName;
    }

    /** Rows keep their site even in a report over every site. */
    public boolean perSite() {
        return perSite;
    }

    public static Optional<RatingGrouping> byName(String name) {
        for (RatingGrouping g : values()) {
            if (g.wireName.equals(name)) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }
}

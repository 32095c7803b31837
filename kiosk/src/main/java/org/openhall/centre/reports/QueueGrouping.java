package org.openhall.centre.reports;

import java.util.Optional;

/** What queue report rows are keyed by ({@code by=}); category and window rows belong to one site. */
public enum QueueGrouping {
    CATEGORY("category"),
    WINDOW("window"),
    DAY("day");

    private final String wireName;

    QueueGrouping(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public boolean perSite() {
        return this != DAY;
    }

    public static Optional<QueueGrouping> byName(String name) {
        for (QueueGrouping g : values()) {
            if (g.wireName.equals(name)) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }
}

package org.openhall.centre.reports;

/**
 * The calling events a queue report counts, as projected: a ticket issued, first called (its {@code waitS}),
 * not shown, completed (its {@code serviceS}). A recall is not a call: it neither counts nor has a wait.
 */
public enum QueueEventKind {
    ISSUED("issued"),
    CALLED("called"),
    NO_SHOW("no_show"),
    COMPLETED("completed");

    private final String wireName;

    QueueEventKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static QueueEventKind byName(String name) {
        for (QueueEventKind kind : values()) {
            if (kind.wireName.equals(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("no queue event kind " + name);
    }
}

package org.openhall.centre.cases;

import java.util.Optional;

/** What the resident said of the rectification when revisited (回访). */
public enum ResidentView {
    SATISFIED("satisfied"),
    BASICALLY_SATISFIED("basically_satisfied"),
    DISSATISFIED("dissatisfied");

    private final String wireName;

    ResidentView(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<ResidentView> byName(String name) {
        for (ResidentView view : values()) {
            if (view.wireName.equals(name)) {
                return Optional.of(view);
            }
        }
        return Optional.empty();
    }
}

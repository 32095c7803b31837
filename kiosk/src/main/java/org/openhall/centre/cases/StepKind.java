package org.openhall.centre.cases;

import java.util.Optional;

/** The steps a supervisor records on a case. */
public enum StepKind {
    VERIFY("verify"),
    RECTIFY("rectify"),
    REVISIT("revisit"),
    CLOSE("close"),
    INVALID("invalid");

    private final String wireName;

    StepKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<StepKind> byName(String name) {
        for (StepKind kind : values()) {
            if (kind.wireName.equals(name)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}

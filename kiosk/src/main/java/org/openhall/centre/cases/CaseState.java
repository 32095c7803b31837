package org.openhall.centre.cases;

import java.util.Optional;

/** Where a case stands: 核实 → 整改 → 回访 → closed, or invalid (误评). */
public enum CaseState {
    NEW("new"),
    VERIFIED("verified"),
    RECTIFIED("rectified"),
    REVISITED("revisited"),
    CLOSED("closed"),
    INVALID("invalid");

    private final String wireName;

    CaseState(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Not closed and not found invalid: still to be followed up. */
    public boolean open() {
        return this != CLOSED && this != INVALID;
    }

    public static Optional<CaseState> byName(String name) {
        for (CaseState state : values()) {
            if (state.wireName.equals(name)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }
}

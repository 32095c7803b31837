package org.openhall.kiosk.ratings;

import java.util.Optional;

/** The five levels of the national rating scheme; scores 1-2 are the "bad" ratings (差评). */
public enum Level {
    VERY_SATISFIED("very_satisfied", 5),
    SATISFIED("satisfied", 4),
    BASICALLY_SATISFIED("basically_satisfied", 3),
    DISSATISFIED("dissatisfied", 2),
    VERY_DISSATISFIED("very_dissatisfied", 1);

    private final String wireName;
    private final int score;

    Level(String wireName, int score) {
        this.wireName = wireName;
        this.score = score;
    }

    public String wireName() {
        return wireName;
    }

    public int score() {
        return score;
    }

    public boolean bad() {
        return score <= 2;
    }

    /** "good" for scores 3-5, "bad" for 1-2, as on the wire. */
    public String verdict() {
        return bad() ? "bad" : "good";
    }

    public static Optional<Level> byName(String name) {
        for (Level level : values()) {
            if (level.wireName.equals(name)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }
}

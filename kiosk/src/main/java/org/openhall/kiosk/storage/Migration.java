package org.openhall.kiosk.storage;

import java.util.List;

/**
 * The schema of one component (outbox, tickets, ratings, commands …) as an ordered list of steps; step
 * {@code i} brings the component from version {@code i} to {@code i + 1}. Steps are never edited once
 * released, only appended.
 */
public record Migration(String component, List<String> steps) {
    public Migration {
        steps = List.copyOf(steps);
    }
}

package org.openhall.kiosk.storage;

import java.util.List;

/**
 * The schema of one component (outbox, tickets, ratings, commands …) as an ordered list of steps; step
 * {@code i} brings the component from version {@code i} to {@code i + 1}. Steps are never edited once
 * released, only appended.
 */
public record Migration(String component, List<String> steps) {
    private static final java.util.regex.Pattern CREATE_TABLE =
            java.util.regex.Pattern.compile("CREATE TABLE (?:IF NOT EXISTS )?(\\w+)", java.util.regex.Pattern.CASE_INSENSITIVE);

    public Migration {
        steps = List.copyOf(steps);
    }

    /** The tables the steps create, in order (what a salvage copies back for this component). */
    public List<String> tables() {
        List<String> out = new java.util.ArrayList<>();
        for (String step : steps) {
            java.util.regex.Matcher m = CREATE_TABLE.matcher(step);
            while (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }
}

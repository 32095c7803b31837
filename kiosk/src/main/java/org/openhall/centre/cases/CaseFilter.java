package org.openhall.centre.cases;

import java.time.LocalDate;

/**
 * Which cases to list: {@code state} open (not closed or invalid, overdue ones too), overdue (open past due
 * on {@code today}), closed (closed or invalid) or null for all; optionally one site, one window (of that
 * site) and the days the ratings were given (centre.timezone, both included).
 */
public record CaseFilter(String state, String site, String window, LocalDate from, LocalDate to, LocalDate today) {
    public static final int LIMIT = 1000;

    public static boolean knownState(String state) {
        return state == null || state.equals("open") || state.equals("overdue") || state.equals("closed");
    }
}

package org.openhall.centre.reports;

/**
 * One row of a rating report (interface.md section 8): counts per level, good (scores 3-5), bad (1-2) and
 * goodRate = good / total as a fraction rounded to 4 decimals.
 */
public record RatingRow(String key, String site, long total, long verySatisfied, long satisfied,
        long basicallySatisfied, long dissatisfied, long veryDissatisfied, long good, long bad, double goodRate) {

    /** The level columns in the contract's order, score 5 first. */
    public long[] levels() {
        return new long[] {verySatisfied, satisfied, basicallySatisfied, dissatisfied, veryDissatisfied};
    }
}

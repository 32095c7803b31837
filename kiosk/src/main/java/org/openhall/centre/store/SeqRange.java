package org.openhall.centre.store;

/** An inclusive range of seq numbers. */
public record SeqRange(long from, long to) {
    public SeqRange {
        if (from > to) {
            throw new IllegalArgumentException("range " + from + ".." + to + " is empty");
        }
    }

    public long size() {
        return to - from + 1;
    }
}

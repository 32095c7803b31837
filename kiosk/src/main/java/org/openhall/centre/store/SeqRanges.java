package org.openhall.centre.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;

/** A set of seq numbers kept as disjoint, non-adjacent ranges (a kiosk's received seqs), and the holes between them. */
public final class SeqRanges {
    private final TreeMap<Long, Long> ranges = new TreeMap<>();

    public SeqRanges(Collection<SeqRange> initial) {
        initial.forEach(r -> add(r.from(), r.to()));
    }

    public void add(long seq) {
        add(seq, seq);
    }

    public boolean contains(long seq) {
        var floor = ranges.floorEntry(seq);
        return floor != null && floor.getValue() >= seq;
    }

    private void add(long from, long to) {
        long lo = from;
        long hi = to;
        var floor = ranges.floorEntry(lo);
        if (floor != null && floor.getValue() >= lo - 1) {
            lo = floor.getKey();
            hi = Math.max(hi, floor.getValue());
        }
        var next = ranges.ceilingEntry(lo);
        while (next != null && next.getKey() <= hi + 1) {
            hi = Math.max(hi, next.getValue());
            ranges.remove(next.getKey());
            next = ranges.ceilingEntry(lo);
        }
        ranges.put(lo, hi);
    }

    public List<SeqRange> ranges() {
        List<SeqRange> out = new ArrayList<>(ranges.size());
        ranges.forEach((lo, hi) -> out.add(new SeqRange(lo, hi)));
        return out;
    }

    public long count() {
        long n = 0;
        for (var e : ranges.entrySet()) {
            n += e.getValue() - e.getKey() + 1;
        }
        return n;
    }

    public long first() {
        return ranges.isEmpty() ? 0 : ranges.firstKey();
    }

    public long last() {
        return ranges.isEmpty() ? 0 : ranges.lastEntry().getValue();
    }

    /** The holes in 1..last, the seqs that have not arrived. */
    public List<SeqRange> holes() {
        List<SeqRange> out = new ArrayList<>();
        long expected = 1;
        for (var e : ranges.entrySet()) {
            if (e.getKey() > expected) {
                out.add(new SeqRange(expected, e.getKey() - 1));
            }
            expected = e.getValue() + 1;
        }
        return out;
    }

    /** The holes split at {@code lostBelow}: the part below it explained as lost at the kiosk, the rest missing. */
    public static List<SeqRange> below(List<SeqRange> holes, long lostBelow) {
        List<SeqRange> out = new ArrayList<>();
        for (SeqRange h : holes) {
            if (h.from() < lostBelow) {
                out.add(new SeqRange(h.from(), Math.min(h.to(), lostBelow - 1)));
            }
        }
        return out;
    }

    public static List<SeqRange> atOrAbove(List<SeqRange> holes, long lostBelow) {
        List<SeqRange> out = new ArrayList<>();
        for (SeqRange h : holes) {
            if (h.to() >= lostBelow) {
                out.add(new SeqRange(Math.max(h.from(), lostBelow), h.to()));
            }
        }
        return out;
    }

    public static long total(List<SeqRange> ranges) {
        return ranges.stream().mapToLong(SeqRange::size).sum();
    }
}

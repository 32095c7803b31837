package org.openhall.centre.store;

import java.util.List;

/** Which seqs of one kiosk the centre holds, which are missing and which were lost at the kiosk. */
public record Completeness(long first, long last, long received, List<SeqRange> missing, List<SeqRange> lostAtKiosk,
        long duplicates, long conflicts) {}

package org.openhall.centre.store;

import java.util.List;
import java.util.Set;

/**
 * What a committed batch did: the envelopes newly stored (in the batch's order), how many were redeliveries
 * of a stored event (same id), the conflicts (another id under a stored seq, kept aside), and the kiosks
 * the centre had never seen before.
 */
public record IngestOutcome(List<Envelope> stored, int duplicates, List<Envelope> conflicts, Set<KioskId> newKiosks) {
    public IngestOutcome {
        stored = List.copyOf(stored);
        conflicts = List.copyOf(conflicts);
        newKiosks = Set.copyOf(newKiosks);
    }
}

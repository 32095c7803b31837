package org.openhall.centre.store;

import java.util.List;

/** What one ingest transaction stores: events and presence updates, received at {@code receivedMs} (centre clock). */
public record IngestBatch(List<Envelope> events, List<Presence> presence, long receivedMs) {
    public IngestBatch {
        events = List.copyOf(events);
        presence = List.copyOf(presence);
    }
}

package org.openhall.centre.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One event envelope as received: its identity in columns and the JSON text exactly as the kiosk sent it.
 * {@code timeMs} is the envelope's {@code time} as epoch milliseconds (the kiosk's own clock). {@code data}
 * is the envelope's {@code data} object as the ingest reader parsed it, so that the projections of a batch
 * do not parse every envelope again; null when the envelope was built without it. Every projection and
 * commit listener sees the same node: read it, never modify it.
 */
public record Envelope(String site, String kiosk, long seq, String id, String type, String time, long timeMs, String json,
        JsonNode data) {

    /** An envelope without its parsed data: {@link #data(ObjectMapper)} parses {@code json} when asked. */
    public Envelope(String site, String kiosk, long seq, String id, String type, String time, long timeMs, String json) {
        this(site, kiosk, seq, id, type, time, timeMs, json, null);
    }

    public KioskId kioskId() {
        return new KioskId(site, kiosk);
    }

    /** The {@code data} node: the one parsed at ingest, else parsed from {@code json} now (missing when it has none). */
    public JsonNode data(ObjectMapper mapper) throws JsonProcessingException {
        return data != null ? data : mapper.readTree(json).path("data");
    }
}

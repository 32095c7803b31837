package org.openhall.kiosk.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.format.DateTimeFormatter;
import org.openhall.kiosk.json.Json;

/** The event envelope of the MQTT contract: {@code {"v":1,"id","kiosk","site","seq","type","time","data"}}. */
public final class EventCodec {
    public static final int ENVELOPE_VERSION = 1;
    /** ISO-8601 with milliseconds and offset, e.g. 2026-03-08T09:15:02.123+08:00. */
    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

    private final Json json;
    private final String kiosk;
    private final String site;

    public EventCodec(Json json, String kiosk, String site) {
        this.json = json;
        this.kiosk = kiosk;
        this.site = site;
    }

    public byte[] encode(Event event) {
        ObjectNode envelope = json.createObjectNode();
        envelope.put("v", ENVELOPE_VERSION);
        envelope.put("id", event.id());
        envelope.put("kiosk", kiosk);
        envelope.put("site", site);
        envelope.put("seq", event.seq());
        envelope.put("type", event.type().wireName());
        envelope.put("time", TIME.format(event.time()));
        envelope.set("data", event.data());
        return json.writeValueAsBytes(envelope);
    }
}

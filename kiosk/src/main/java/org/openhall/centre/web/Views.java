package org.openhall.centre.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.openhall.centre.store.Alarm;
import org.openhall.centre.store.Completeness;
import org.openhall.centre.store.KioskView;
import org.openhall.centre.store.SeqRange;

/** The JSON of the section 8 API, built from the store's records; times in ISO-8601 in the centre's zone. */
final class Views {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    private final ObjectMapper json;
    private final ZoneId zone;

    Views(ObjectMapper json, ZoneId zone) {
        this.json = json;
        this.zone = zone;
    }

    ObjectNode kiosk(KioskView k) {
        ObjectNode o = json.createObjectNode();
        o.put("site", k.id().site());
        o.put("kiosk", k.id().kiosk());
        o.put("state", k.presence() == null ? "unknown" : k.presence());
        o.put("since", time(k.presenceSinceMs()));
        o.put("version", k.version());
        o.put("lastSeq", k.lastSeq());
        o.put("lastEventAt", time(k.lastEventMs()));
        o.put("missing", k.missing());
        o.put("printer", k.printer());
        putNullable(o, "outboxDepth", k.outboxDepth());
        putNullable(o, "ticketsToday", k.ticketsToday() == null ? null : k.ticketsToday().longValue());
        putNullable(o, "ratingsToday", k.ratingsToday() == null ? null : k.ratingsToday().longValue());
        return o;
    }

    ObjectNode completeness(Completeness c) {
        ObjectNode o = json.createObjectNode();
        o.put("first", c.first());
        o.put("last", c.last());
        o.put("received", c.received());
        o.set("missing", ranges(c.missing()));
        o.set("lostAtKiosk", ranges(c.lostAtKiosk()));
        o.put("duplicates", c.duplicates());
        o.put("conflicts", c.conflicts());
        return o;
    }

    ObjectNode alarm(Alarm a) {
        ObjectNode o = json.createObjectNode();
        o.put("id", a.id());
        o.put("site", a.kiosk().site());
        o.put("kiosk", a.kiosk().kiosk());
        o.put("kind", a.kind());
        o.put("state", a.state());
        o.put("raisedAt", time(a.raisedMs()));
        o.put("ackedAt", time(a.ackedMs()));
        o.put("clearedAt", time(a.clearedMs()));
        o.put("count", a.count());
        o.put("message", a.message());
        o.put("note", a.note());
        return o;
    }

    ObjectNode alarms(List<Alarm> alarms) {
        ObjectNode o = json.createObjectNode();
        ArrayNode list = o.putArray("alarms");
        alarms.forEach(a -> list.add(alarm(a)));
        return o;
    }

    private ArrayNode ranges(List<SeqRange> ranges) {
        ArrayNode out = json.createArrayNode();
        for (SeqRange r : ranges) {
            out.addArray().add(r.from()).add(r.to());
        }
        return out;
    }

    String time(Long ms) {
        return ms == null ? null : TIME.format(Instant.ofEpochMilli(ms).atZone(zone));
    }

    private static void putNullable(ObjectNode o, String name, Long value) {
        if (value == null) {
            o.putNull(name);
        } else {
            o.put(name, value);
        }
    }
}

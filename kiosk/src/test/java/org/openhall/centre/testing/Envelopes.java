package org.openhall.centre.testing;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.openhall.centre.store.Envelope;

/** Real-shaped event envelopes for the centre's tests: what a kiosk would publish. */
public final class Envelopes {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
            .withZone(ZoneOffset.ofHours(8));
    public static final long T0 = Instant.parse("2026-03-08T01:00:00Z").toEpochMilli();

    private Envelopes() {}

    public static String json(String site, String kiosk, long seq, String id, String type, long timeMs, String data) {
        return "{\"v\":1,\"id\":\"" + id + "\",\"kiosk\":\"" + kiosk + "\",\"site\":\"" + site + "\",\"seq\":" + seq
                + ",\"type\":\"" + type + "\",\"time\":\"" + TIME.format(Instant.ofEpochMilli(timeMs)) + "\",\"data\":" + data + "}";
    }

    public static Envelope envelope(String site, String kiosk, long seq, String id, String type, long timeMs, String data) {
        return new Envelope(site, kiosk, seq, id, type, TIME.format(Instant.ofEpochMilli(timeMs)), timeMs,
                json(site, kiosk, seq, id, type, timeMs, data));
    }

    /** A rating whose id follows from (site, kiosk, seq), as a kiosk's redelivery would carry. */
    public static Envelope rating(String site, String kiosk, long seq) {
        return rating(site, kiosk, seq, UUID.nameUUIDFromBytes((site + "/" + kiosk + "/" + seq).getBytes()).toString());
    }

    public static Envelope rating(String site, String kiosk, long seq, String id) {
        return envelope(site, kiosk, seq, id, "rating.submitted", T0 + seq * 1000,
                "{\"window\":\"3\",\"level\":\"satisfied\",\"score\":4,\"verdict\":\"good\",\"ticket\":null,\"staff\":null,\"channel\":\"button\"}");
    }
}

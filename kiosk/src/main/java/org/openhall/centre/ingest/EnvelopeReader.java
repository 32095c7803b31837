package org.openhall.centre.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonFactory;
import java.nio.charset.StandardCharsets;
import org.openhall.centre.store.Envelope;
import org.openhall.centre.store.KioskId;
import org.openhall.centre.store.Presence;

/**
 * Reads a delivery against the contract (interface.md section 3): {@code T/events/{type}} carries an event
 * envelope whose site, kiosk and type agree with its topic; {@code T/status} a presence. Everything else
 * is junk with a reason. Never throws.
 */
public final class EnvelopeReader {
    /** The largest payload taken: a kiosk's biggest event is a few KiB. */
    public static final int MAX_PAYLOAD_BYTES = 256 * 1024;
    private final ObjectMapper json;
    private final String prefix;

    public EnvelopeReader(String topicPrefix) {
        this.prefix = topicPrefix + "/";
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build()).build();
        this.json = new ObjectMapper(factory);
    }

    public Parsed read(String topic, byte[] payload) {
        if (!topic.startsWith(prefix)) {
            return new Parsed.Junk("wrong_topic", topic);
        }
        String[] parts = topic.substring(prefix.length()).split("/", -1);
        if (parts.length < 3 || !name(parts[0]) || !name(parts[1])) {
            return new Parsed.Junk("wrong_topic", topic);
        }
        KioskId kiosk = new KioskId(parts[0], parts[1]);
        if (parts.length == 3 && parts[2].equals("status")) {
            return status(kiosk, payload);
        }
        if (parts.length == 4 && parts[2].equals("events")) {
            return event(kiosk, parts[3], payload);
        }
        return new Parsed.Junk("wrong_topic", topic);
    }

    private Parsed status(KioskId kiosk, byte[] payload) {
        if (payload.length == 0) {
            return new Parsed.Nothing();
        }
        if (payload.length > MAX_PAYLOAD_BYTES) {
            return new Parsed.Junk("too_large", payload.length + " bytes");
        }
        JsonNode node = tree(payload);
        if (node == null || !node.isObject()) {
            return new Parsed.Junk("not_json", kiosk + " status");
        }
        String state = node.path("state").asText("");
        if (!state.equals("online") && !state.equals("offline")) {
            return new Parsed.Junk("wrong_status", kiosk + " status");
        }
        if (node.has("kiosk") && !node.path("kiosk").asText().equals(kiosk.kiosk())) {
            return new Parsed.Junk("topic_mismatch", kiosk + " status names " + node.path("kiosk").asText());
        }
        Long time = time(node.path("time"));
        if (time == null) {
            return new Parsed.Junk("wrong_status", kiosk + " status without a time");
        }
        JsonNode version = node.path("version");
        return new Parsed.Status(new Presence(kiosk, state, version.isTextual() ? version.asText() : null, time));
    }

    private Parsed event(KioskId kiosk, String topicType, byte[] payload) {
        if (payload.length > MAX_PAYLOAD_BYTES) {
            return new Parsed.Junk("too_large", payload.length + " bytes");
        }
        JsonNode node = tree(payload);
        if (node == null || !node.isObject()) {
            return new Parsed.Junk("not_json", kiosk + " " + topicType);
        }
        if (node.path("v").asInt(-1) != 1 || !node.path("v").isIntegralNumber()) {
            return new Parsed.Junk("wrong_envelope", kiosk + ": v is not 1");
        }
        JsonNode id = node.path("id");
        JsonNode seq = node.path("seq");
        JsonNode type = node.path("type");
        if (!id.isTextual() || id.asText().isEmpty() || id.asText().length() > 100) {
            return new Parsed.Junk("wrong_envelope", kiosk + ": no id");
        }
        if (!seq.isIntegralNumber() || !seq.canConvertToLong() || seq.asLong() < 1) {
            return new Parsed.Junk("wrong_envelope", kiosk + ": seq is not a positive whole number");
        }
        if (!type.isTextual() || !type(type.asText())) {
            return new Parsed.Junk("wrong_envelope", kiosk + ": no type");
        }
        if (!node.path("data").isObject()) {
            return new Parsed.Junk("wrong_envelope", kiosk + ": data is not an object");
        }
        if (!node.path("site").asText("").equals(kiosk.site()) || !node.path("kiosk").asText("").equals(kiosk.kiosk())
                || !type.asText().equals(topicType)) {
            return new Parsed.Junk("topic_mismatch", "topic " + kiosk + "/" + topicType + " carries "
                    + node.path("site").asText("?") + "/" + node.path("kiosk").asText("?") + "/" + type.asText());
        }
        Long time = time(node.path("time"));
        if (time == null) {
            return new Parsed.Junk("wrong_envelope", kiosk + ": time is not ISO-8601 with an offset");
        }
        return new Parsed.Event(new Envelope(kiosk.site(), kiosk.kiosk(), seq.asLong(), id.asText(), type.asText(),
                node.path("time").asText(), time, new String(payload, StandardCharsets.UTF_8), node.get("data")));
    }

    private JsonNode tree(byte[] payload) {
        try {
            return json.readTree(payload);
        } catch (JsonProcessingException e) {
            return null;
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    /** {@code [A-Za-z0-9][A-Za-z0-9_.-]{0,63}}, checked by hand: two regex matches a message were 6% of ingest. */
    static boolean name(String s) {
        int n = s.length();
        if (n == 0 || n > 64 || !alnum(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < n; i++) {
            char c = s.charAt(i);
            if (!alnum(c) && c != '_' && c != '.' && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** {@code [a-z][a-z0-9_.]{0,63}}. */
    static boolean type(String s) {
        int n = s.length();
        if (n == 0 || n > 64 || s.charAt(0) < 'a' || s.charAt(0) > 'z') {
            return false;
        }
        for (int i = 1; i < n; i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '_' && c != '.') {
                return false;
            }
        }
        return true;
    }

    private static boolean alnum(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    private static Long time(JsonNode node) {
        return node.isTextual() ? IsoTime.epochMs(node.asText()) : null;
    }
}

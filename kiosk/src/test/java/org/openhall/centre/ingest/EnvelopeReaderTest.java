package org.openhall.centre.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.openhall.centre.testing.Envelopes;

class EnvelopeReaderTest {
    private final EnvelopeReader reader = new EnvelopeReader("kiosk/v1");

    private Parsed read(String topic, String payload) {
        return reader.read(topic, payload.getBytes(StandardCharsets.UTF_8));
    }

    private static String reason(Parsed p) {
        return p instanceof Parsed.Junk j ? j.reason() : "not junk: " + p;
    }

    @Test
    void aContractEnvelopeIsAnEventKeptAsReceived() {
        String json = Envelopes.json("wuquan", "wq-01", 42, "id-42", "rating.submitted", Envelopes.T0, "{\"score\":4}");
        Parsed p = read("kiosk/v1/wuquan/wq-01/events/rating.submitted", json);
        assertThat(p).isInstanceOf(Parsed.Event.class);
        Parsed.Event e = (Parsed.Event) p;
        assertThat(e.envelope().seq()).isEqualTo(42);
        assertThat(e.envelope().timeMs()).isEqualTo(Envelopes.T0);
        assertThat(e.envelope().json()).isEqualTo(json);
    }

    @Test
    void statusIsPresence() {
        Parsed p = read("kiosk/v1/wuquan/wq-01/status",
                "{\"state\":\"offline\",\"kiosk\":\"wq-01\",\"version\":\"0.1.0\",\"time\":\"2026-03-08T09:15:02.123+08:00\"}");
        assertThat(p).isInstanceOf(Parsed.Status.class);
        assertThat(((Parsed.Status) p).presence().state()).isEqualTo("offline");
        assertThat(read("kiosk/v1/wuquan/wq-01/status", "")).isInstanceOf(Parsed.Nothing.class);
    }

    @Test
    void junkHasAReason() {
        String t = "kiosk/v1/wuquan/wq-01/events/rating.submitted";
        assertThat(reason(read(t, "not json"))).isEqualTo("not_json");
        assertThat(reason(read(t, "[1,2]"))).isEqualTo("not_json");
        assertThat(reason(read(t, "{\"v\":2}"))).isEqualTo("wrong_envelope");
        assertThat(reason(read(t, Envelopes.json("wuquan", "wq-01", 0, "x", "rating.submitted", Envelopes.T0, "{}"))))
                .isEqualTo("wrong_envelope");
        assertThat(reason(read(t, Envelopes.json("other", "wq-01", 1, "x", "rating.submitted", Envelopes.T0, "{}"))))
                .isEqualTo("topic_mismatch");
        assertThat(reason(read(t, Envelopes.json("wuquan", "wq-01", 1, "x", "ticket.issued", Envelopes.T0, "{}"))))
                .isEqualTo("topic_mismatch");
        assertThat(reason(read(t, Envelopes.json("wuquan", "wq-01", 1, "x", "rating.submitted", Envelopes.T0, "{}")
                .replaceAll("\"time\":\"[^\"]*\"", "\"time\":\"yesterday\"")))).isEqualTo("wrong_envelope");
        assertThat(reason(read("kiosk/v1/wuquan/wq-01/cmd/ping", "{}"))).isEqualTo("wrong_topic");
        assertThat(reason(read("kiosk/v1/../x/events/a", "{}"))).isEqualTo("wrong_topic");
        assertThat(reason(reader.read(t, new byte[EnvelopeReader.MAX_PAYLOAD_BYTES + 1]))).isEqualTo("too_large");
        assertThat(reason(read(t, "[".repeat(100_000)))).isEqualTo("not_json");
    }

    @Test
    void nameAndTypeChecksAcceptExactlyTheContractsPatterns() {
        java.util.regex.Pattern name = java.util.regex.Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$");
        java.util.regex.Pattern type = java.util.regex.Pattern.compile("^[a-z][a-z0-9_.]{0,63}$");
        java.util.Random random = new java.util.Random(7);
        String alphabet = "aZz09_.-/+ Aé\u0000#";
        for (int i = 0; i < 50_000; i++) {
            StringBuilder s = new StringBuilder();
            int n = random.nextInt(i % 10 == 0 ? 70 : 8);
            for (int k = 0; k < n; k++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = s.toString();
            assertThat(EnvelopeReader.name(text)).as(text).isEqualTo(name.matcher(text).matches());
            assertThat(EnvelopeReader.type(text)).as(text).isEqualTo(type.matcher(text).matches());
        }
        assertThat(EnvelopeReader.name("a".repeat(64))).isTrue();
        assertThat(EnvelopeReader.name("a".repeat(65))).isFalse();
        assertThat(EnvelopeReader.type("rating.submitted")).isTrue();
    }
}

package org.openhall.centre.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsoTimeTest {

    private static Long jdk(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Test
    void theKiosksShapeIsReadByHandToTheSameMillisecond() {
        assertThat(IsoTime.common("2026-03-08T09:00:00.123+08:00")).isEqualTo(Instant.parse("2026-03-08T01:00:00.123Z").toEpochMilli());
        assertThat(IsoTime.common("2026-03-08T01:00:00Z")).isEqualTo(Instant.parse("2026-03-08T01:00:00Z").toEpochMilli());
    }

    @Test
    void edgesAgreeWithTheJdkOrGoToIt() {
        List<String> cases = List.of("2026-02-29T00:00:00Z", "2024-02-29T23:59:59.999999999-12:00", "2026-13-01T00:00:00Z",
                "2026-04-31T00:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01T23:60:00Z", "2026-01-01T23:59:60Z",
                "2026-01-01T00:00:00+18:00", "2026-01-01T00:00:00+18:01", "2026-01-01T00:00:00-18:00",
                "2026-01-01T00:00:00+19:00", "2026-01-01T00:00:00+08:60", "2026-01-01T00:00:00-00:00",
                "2026-01-01T00:00:00.Z", "2026-01-01T00:00:00.1234567891Z", "2026-01-01T00:00Z", "2026-01-01t00:00:00z",
                "2026-01-01T00:00:00+08", "2026-01-01T00:00:00+0800", "2026-01-01T00:00:00+08:00:00", "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59.999Z", "+12026-01-01T00:00:00Z", "2026-01-01T00:00:00", "2026-01-01 00:00:00Z",
                "２026-01-01T00:00:00Z", "2026-01-01T00:00:00.5+05:45", "2026-01-01T00:00:00.000+00:00x", "");
        for (String s : cases) {
            assertAgrees(s);
        }
    }

    @Test
    void randomTimesAndTheirMutationsAgreeWithTheJdk() {
        Random random = new Random(20261202);
        String chars = "0123456789-+:.TZ x";
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            Instant at = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 250_000_000_000L), random.nextInt(1_000_000_000));
            ZoneOffset offset = ZoneOffset.ofTotalSeconds((random.nextInt(-18 * 4, 18 * 4 + 1)) * 900);
            String text = OffsetDateTime.ofInstant(at, offset).toString();
            texts.add(text);
            StringBuilder mutated = new StringBuilder(text);
            mutated.setCharAt(random.nextInt(text.length()), chars.charAt(random.nextInt(chars.length())));
            texts.add(mutated.toString());
        }
        for (String s : texts) {
            assertAgrees(s);
        }
    }

    private static void assertAgrees(String s) {
        Long expected = jdk(s);
        assertThat(IsoTime.epochMs(s)).as(s).isEqualTo(expected);
        Long fast = IsoTime.common(s);
        if (fast != null) {
            assertThat(fast).as("hand-read " + s).isEqualTo(expected);
        }
    }
}

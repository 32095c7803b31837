package org.openhall.centre.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The centre's {@code [parcels]} table (docs/parcels.md). */
class ParcelsConfigTest {
    private static final String BASE = """
            [centre]
            id = "centre-1"
            """;

    private static CentreConfig parse(String toml) throws BadConfigException {
        return new CentreConfigLoader(Map.of()).parse("centre.toml", toml);
    }

    @Test
    void overdueDaysDefaultsToThree() throws Exception {
        assertThat(parse(BASE).parcels().overdueDays()).isEqualTo(3);
        assertThat(parse(BASE + "[parcels]\noverdue_days = 7\n").parcels().overdueDays()).isEqualTo(7);
    }

    @Test
    void outOfRangeOrUnknownKeysAreNamed() {
        assertThatThrownBy(() -> parse(BASE + "[parcels]\noverdue_days = 0\n")).isInstanceOf(BadConfigException.class)
                .satisfies(e -> assertThat(((BadConfigException) e).report()).contains("parcels.overdue_days"));
        assertThatThrownBy(() -> parse(BASE + "[parcels]\noverdue = 5\n")).isInstanceOf(BadConfigException.class)
                .satisfies(e -> assertThat(((BadConfigException) e).report()).contains("parcels.overdue"));
    }
}

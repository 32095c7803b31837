package org.openhall.centre.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The [followup] keys: the holidays file is read at load time, so a bad line stops check-config (exit 78). */
class FollowupConfigTest {
    @TempDir
    Path dir;

    Path config(String holidays) throws Exception {
        Path file = dir.resolve("holidays.txt");
        Files.writeString(file, holidays);
        Path toml = dir.resolve("centre.toml");
        Files.writeString(toml, """
                [centre]
                id = "c1"
                data_dir = "%s"
                [mqtt]
                servers = ["tcp://127.0.0.1:1883"]
                [followup]
                deadline_working_days = 15
                holidays_file = "%s"
                """.formatted(dir.resolve("data"), file));
        return toml;
    }

    @Test
    void theShippedCalendarIsAccepted() throws Exception {
        CentreConfig c = new CentreConfigLoader(Map.of()).load(config(Files.readString(Path.of("../deploy/holidays-2026-cn.txt"))));
        assertThat(c.followup().deadlineWorkingDays()).isEqualTo(15);
        assertThat(c.followup().holidaysFile()).isEqualTo(dir.resolve("holidays.txt"));
    }

    @Test
    void aBadLineIsAConfigErrorNamingTheKeyAndTheLine() {
        assertThatThrownBy(() -> new CentreConfigLoader(Map.of()).load(config("2026-10-01 off\n2026-10-10 workday\n")))
                .isInstanceOfSatisfying(BadConfigException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> {
                            assertThat(p.key()).isEqualTo("followup.holidays_file");
                            assertThat(p.message()).contains("line 2");
                        }));
    }
}

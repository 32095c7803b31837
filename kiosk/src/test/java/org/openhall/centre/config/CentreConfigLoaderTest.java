package org.openhall.centre.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CentreConfigLoaderTest {
    private final CentreConfigLoader loader = new CentreConfigLoader(Map.of());

    @Test
    void theContractsExampleLoadsWithItsDefaults() throws Exception {
        CentreConfig c = loader.parse("t", """
                [centre]
                id = "centre-1"
                data_dir = "/var/lib/kiosk-centre"
                timezone = "Asia/Shanghai"
                listen = "127.0.0.1:8090"
                [mqtt]
                servers = ["tcp://127.0.0.1:1883"]
                shared_group = ""
                [database]
                url = ""
                username = ""
                password_file = ""
                [alarms]
                offline_after_s = 300
                gap_after_s = 600
                backlog_events = 1000
                [followup]
                deadline_working_days = 5
                holidays_file = ""
                """);
        assertThat(c.centre().id()).isEqualTo("centre-1");
        assertThat(c.centre().timezone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(c.centre().listenPort()).isEqualTo(8090);
        assertThat(c.mqtt().topicPrefix()).isEqualTo("kiosk/v1");
        assertThat(c.mqtt().shared()).isFalse();
        assertThat(c.database().embedded()).isTrue();
        assertThat(c.alarms()).isEqualTo(new CentreConfig.Alarms(300, 600, 1000));
        assertThat(c.followup().deadlineWorkingDays()).isEqualTo(5);
    }

    @Test
    void theShippedExampleAndTheDemoAreValid() throws Exception {
        assertThat(loader.load(Path.of("../deploy/centre.toml")).centre().id()).isEqualTo("centre-1");
        assertThat(loader.load(Path.of("../deploy/centre-demo.toml")).centre().listenPort()).isEqualTo(8090);
    }

    @Test
    void onlyTheIdIsRequired() throws Exception {
        CentreConfig c = loader.parse("t", "[centre]\nid = \"c\"\n");
        assertThat(c.centre().dataDir()).isEqualTo(Path.of("/var/lib/kiosk-centre"));
        assertThat(c.mqtt().servers()).containsExactly("tcp://127.0.0.1:1883");
    }

    @Test
    void everyBadKeyIsNamedAtOnce() {
        BadConfigException e = catchThrowableOfType(BadConfigException.class, () -> loader.parse("t", """
                colour = "red"
                [centre]
                timezone = "Mars/Olympus"
                listen = "nowhere"
                [mqtt]
                servers = ["http://x"]
                shared_group = "a/b"
                keepalive_s = 1
                [database]
                url = "jdbc:mysql://x"
                [alarms]
                offline_after_s = -1
                gap_after_s = "soon"
                extra = 1
                [followup]
                holidays_file = "/no/such/file"
                """));
        assertThat(e.problems()).extracting(ConfigProblem::key).containsExactlyInAnyOrder("colour", "centre.id", "centre.timezone",
                "centre.listen", "mqtt.servers", "mqtt.shared_group", "mqtt.keepalive_s", "database.url",
                "alarms.offline_after_s", "alarms.gap_after_s", "alarms.extra", "followup.holidays_file");
        assertThat(e.report()).contains("t: centre.id: is required");
    }

    @Test
    void secretsAreReadFromTheirFilesAndNeverPrinted(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("pw"), "s3cret\n");
        CentreConfig c = loader.parse("t", "[centre]\nid = \"c\"\n[database]\nurl = \"jdbc:postgresql://db/x\"\npassword_file = \""
                + dir.resolve("pw") + "\"\n");
        assertThat(c.database().password()).isEqualTo("s3cret");
        assertThat(c.database().toString()).doesNotContain("s3cret");
    }

    @Test
    void brokenTomlIsOneProblem() {
        assertThatThrownBy(() -> loader.parse("t", "[centre\n")).isInstanceOf(BadConfigException.class)
                .hasMessageContaining("(syntax)");
    }
}

package org.openhall.kiosk.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private final ConfigLoader loader = new ConfigLoader(Map.of(), ZoneId.of("UTC"));

    @TempDir
    Path tmp;

    private List<String> errorKeys(String toml) {
        try {
            loader.parse("test.toml", toml);
        } catch (InvalidConfigException e) {
            return e.errors().stream().map(ConfigError::key).toList();
        }
        throw new AssertionError("expected the config to be invalid");
    }

    @Test
    void minimalConfigGetsTheDocumentedDefaults() throws Exception {
        KioskConfig c = loader.parse("t", "[kiosk]\nid = \"k1\"\n");
        assertThat(c.kiosk().site()).isEqualTo("default");
        assertThat(c.kiosk().timezone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(c.mqtt().topicPrefix()).isEqualTo("kiosk/v1");
        assertThat(c.mqtt().keepaliveS()).isEqualTo(30);
        assertThat(c.outbox().maxEvents()).isEqualTo(1_000_000);
        assertThat(c.outbox().telemetryTtlH()).isEqualTo(168);
        assertThat(c.telemetry().intervalS()).isEqualTo(60);
        assertThat(c.printer().present()).isFalse();
        assertThat(c.printer().columns()).isEqualTo(48);
        assertThat(c.terminal()).isEqualTo(new KioskConfig.TerminalSettings("127.0.0.1", 8080));
    }

    @Test
    void everyBadKeyIsReportedAtOnceWithItsPath() {
        String toml = """
                [kiosk]
                id = "bad id!"
                site = 7
                timezone = "Mars/Olympus"
                colour = "blue"
                [mqtt]
                servers = ["http://x:1"]
                keepalive_s = 0
                [printer]
                columns = 200
                encoding = "NOPE-8"
                qr = "{secret}"
                [[queue.categories]]
                code = "a"
                name = "x"
                [[queue.categories]]
                code = "B"
                name = "y"
                [[queue.categories]]
                code = "B"
                name = "z"
                [[evaluators]]
                window = "1"
                buttons = { very_satisfied = 5, great = 6 }
                lockout_s = 61
                [[evaluators]]
                window = "1"
                buttons = { satisfied = 5 }
                """;
        assertThat(errorKeys(toml)).contains(
                "kiosk.id", "kiosk.site", "kiosk.timezone", "kiosk.colour",
                "mqtt.servers[0]", "mqtt.keepalive_s",
                "printer.columns", "printer.encoding", "printer.qr",
                "queue.categories[0].code", "queue.categories[2].code",
                "evaluators[0].buttons.great", "evaluators[0].lockout_s",
                "evaluators[1].window", "evaluators[1].buttons.satisfied");
    }

    @Test
    void errorMessagesNameTheValueAndWhatWouldBeValid() {
        assertThatThrownBy(() -> loader.parse("k.toml", "[kiosk]\nid = \"k\"\n[printer]\ncolumns = 200\n"))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.report())
                        .isEqualTo("k.toml: printer.columns: 200 is out of range: must be from 24 to 64\n"));
    }

    @Test
    void missingIdIsAnError() {
        assertThat(errorKeys("[kiosk]\nsite = \"s\"\n")).containsExactly("kiosk.id");
    }

    @Test
    void duplicatePinsAcrossDevicesAreErrors() {
        String toml = """
                [kiosk]
                id = "k"
                [[queue.categories]]
                code = "A"
                name = "n"
                [[ticket_buttons]]
                category = "A"
                pin = 5
                [[ticket_buttons]]
                category = "Z"
                pin = 6
                [[evaluators]]
                window = "1"
                buttons = { satisfied = 5, dissatisfied = 6 }
                led_ok = 6
                """;
        assertThat(errorKeys(toml)).containsExactlyInAnyOrder(
                "ticket_buttons[1].category", "evaluators[0].buttons.satisfied",
                "evaluators[0].buttons.dissatisfied", "evaluators[0].led_ok");
    }

    @Test
    void wrongTypesAreErrorsNotCoercions() {
        assertThat(errorKeys("[kiosk]\nid = \"k\"\n[printer]\nbaud = \"fast\"\nquery_status = \"yes\"\n"))
                .containsExactly("printer.baud", "printer.query_status");
    }

    @Test
    void syntaxErrorsNameTheLine() {
        assertThatThrownBy(() -> loader.parse("k.toml", "[kiosk]\nid = \"k\n"))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.report()).contains("(syntax)", "line"));
    }

    @Test
    void plainPasswordToRemoteBrokerNeedsExplicitConsent() throws Exception {
        Path password = Files.writeString(tmp.resolve("pw"), "secret\n");
        String base = "[kiosk]\nid = \"k\"\n[mqtt]\nservers = [\"tcp://centre.example:1883\"]\npassword_file = \"" + password + "\"\n";
        assertThat(errorKeys(base)).containsExactly("mqtt.allow_insecure");
        KioskConfig ok = loader.parse("t", base + "allow_insecure = true\n");
        assertThat(ok.mqtt().password()).isEqualTo("secret");
        assertThat(ok.mqtt().toString()).doesNotContain("secret");
    }

    @Test
    void onlyRealLoopbackLiteralsAndLocalhostCountAsLoopback() {
        assertThat(ConfigLoader.isLoopback("tcp://127.0.0.1:1883")).isTrue();
        assertThat(ConfigLoader.isLoopback("tcp://127.255.3.4:1883")).isTrue();
        assertThat(ConfigLoader.isLoopback("tcp://localhost:1883")).isTrue();
        assertThat(ConfigLoader.isLoopback("tcp://[::1]:1883")).isTrue();
        assertThat(ConfigLoader.isLoopback("tcp://127.evil.example:1883")).as("a name starting with 127.").isFalse();
        assertThat(ConfigLoader.isLoopback("tcp://127.0.0.1.nip.io:1883")).isFalse();
        assertThat(ConfigLoader.isLoopback("tcp://128.0.0.1:1883")).isFalse();
        assertThat(errorKeys("[kiosk]\nid = \"k\"\n[mqtt]\nservers = [\"tcp://127.evil.example:1883\"]\npassword_file = \""
                + writePassword() + "\"\n")).containsExactly("mqtt.allow_insecure");
    }

    private String writePassword() {
        try {
            return Files.writeString(tmp.resolve("pw"), "secret\n").toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void terminalHostnamesTrustedClientsAndConnectionCapAreReadAndChecked() throws Exception {
        KioskConfig c = loader.parse("t", """
                [kiosk]
                id = "k"
                [terminal]
                listen = "0.0.0.0:8080"
                hostnames = ["kiosk-01.hall.example"]
                trusted_clients = ["192.168.1.50", "10.1.0.0/16", "fd00::/8"]
                max_connections = 32
                """);
        assertThat(c.terminal().hostnames()).containsExactly("kiosk-01.hall.example");
        assertThat(c.terminal().trustedClients()).extracting(AddressRange::toString)
                .containsExactly("192.168.1.50/32", "10.1.0.0/16", "fd00:0:0:0:0:0:0:0/8");
        assertThat(c.terminal().maxConnections()).isEqualTo(32);
        assertThat(loader.parse("t", "[kiosk]\nid = \"k\"\n").terminal().maxConnections()).isEqualTo(64);

        assertThat(errorKeys("""
                [kiosk]
                id = "k"
                [terminal]
                hostnames = ["ok.example", "not a name", 5]
                trusted_clients = ["192.168.1.0/33", "hall-pc", "10.0.0.1", "1.2.3.4/x"]
                max_connections = 0
                """)).containsExactlyInAnyOrder("terminal.hostnames[1]", "terminal.hostnames[2]", "terminal.trusted_clients[0]",
                "terminal.trusted_clients[1]", "terminal.trusted_clients[3]", "terminal.max_connections");
        assertThat(errorKeys("[kiosk]\nid = \"k\"\n[terminal]\nmax_connections = 1025\n")).containsExactly("terminal.max_connections");
    }

    @Test
    void passwordComesFromSystemdCredentialsWhenNoFileIsNamed() throws Exception {
        Files.writeString(tmp.resolve("mqtt-password"), "from-credstore");
        ConfigLoader withCreds = new ConfigLoader(Map.of("CREDENTIALS_DIRECTORY", tmp.toString()), ZoneId.of("UTC"));
        KioskConfig c = withCreds.parse("t", "[kiosk]\nid = \"k\"\n");
        assertThat(c.mqtt().password()).isEqualTo("from-credstore");
    }

    @Test
    void unreadablePasswordFileIsAConfigError() {
        assertThat(errorKeys("[kiosk]\nid = \"k\"\n[mqtt]\npassword_file = \"/nonexistent/pw\"\n"))
                .containsExactly("mqtt.password_file");
    }

    @Test
    void goodBadPairEvaluatorKeepsLevelOrder() throws Exception {
        KioskConfig c = loader.parse("t", """
                [kiosk]
                id = "k"
                [[evaluators]]
                window = "3"
                buttons = { dissatisfied = 6, satisfied = 5 }
                """);
        assertThat(c.evaluators().getFirst().buttons()).containsExactly(Map.entry("satisfied", 5), Map.entry("dissatisfied", 6));
        assertThat(c.evaluators().getFirst().lockoutS()).isEqualTo(3);
        assertThat(c.evaluators().getFirst().inviteS()).isEqualTo(60);
    }

    @Test
    void builtInDemoIsValidAndMatchesTheContract() {
        KioskConfig demo = loader.demo();
        assertThat(demo.kiosk().id()).isEqualTo("demo-01");
        assertThat(demo.kiosk().site()).isEqualTo("demo");
        assertThat(demo.kiosk().dataDir()).isEqualTo(Path.of("./kiosk-data"));
        assertThat(demo.mqtt().servers()).containsExactly("tcp://127.0.0.1:1883");
        assertThat(demo.categories()).hasSize(2);
        assertThat(demo.evaluators()).singleElement().satisfies(e -> {
            assertThat(e.window()).isEqualTo("1");
            assertThat(e.buttons()).hasSize(5);
        });
        assertThat(demo.terminal()).isEqualTo(new KioskConfig.TerminalSettings("127.0.0.1", 8080));
    }

    @Test
    void shippedExampleConfigPassesValidation() throws Exception {
        Path example = Path.of("..", "deploy", "kiosk.toml");
        KioskConfig c = loader.load(example);
        assertThat(c.kiosk().id()).isEqualTo("wq-hall-01");
        assertThat(c.categories()).extracting(Category::code).containsExactly("A", "B", "C");
    }

    @Test
    void categoriesFromACommandAreValidatedLikeTheFile() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                "[{\"code\":\"A\",\"name\":\"综合\"},{\"code\":\"A\",\"name\":\"x\"},{\"code\":\"b\",\"name\":\"y\",\"extra\":1}]");
        List<ConfigError> errors = new java.util.ArrayList<>();
        List<Category> parsed = ConfigLoader.parseCategories(json, errors);
        assertThat(errors).extracting(ConfigError::key)
                .containsExactlyInAnyOrder("categories[1].code", "categories[2].code", "categories[2].extra");
        assertThat(parsed).extracting(Category::code).startsWith("A");
    }

    @Test
    void printedTextWithControlCharactersIsRefusedAndTheMessageShowsThemEscaped() {
        String toml = """
                [kiosk]
                id = "k"
                [printer]
                footer = "thanks\\nbye"
                qr = "https://x/{ticketId}\\u0010\\u0004"
                [[queue.categories]]
                code = "A"
                name = "\\u001bd\\u007f"
                [[queue.categories]]
                code = "B"
                name = "ok"
                name_en = "next\\u0085line"
                [[queue.categories]]
                code = "C"
                name = "tab\\there"
                """;
        assertThat(errorKeys(toml)).containsExactlyInAnyOrder("printer.footer", "printer.qr", "queue.categories[0].name",
                "queue.categories[1].name_en", "queue.categories[2].name");
        assertThatThrownBy(() -> loader.parse("k.toml", toml)).isInstanceOfSatisfying(InvalidConfigException.class,
                e -> assertThat(e.report()).contains("\\u001bd\\u007f", "control characters").doesNotContain("\u001b"));
    }

    @Test
    void printableUnicodeIsFine() throws Exception {
        KioskConfig c = loader.parse("k.toml", """
                [kiosk]
                id = "k"
                [printer]
                footer = "请留意叫号 Please wait ￥ — ok"
                [[queue.categories]]
                code = "A"
                name = "综合受理 (A)"
                name_en = "General affairs"
                """);
        assertThat(c.categories().getFirst().name()).isEqualTo("综合受理 (A)");
    }

    @Test
    void categoriesFromACommandWithControlCharactersAreRefused() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                "[{\"code\":\"A\",\"name\":\"\\u001bd\\u007f\"},{\"code\":\"B\",\"name\":\"b\",\"name_en\":\"x\\u009b\"}]");
        List<ConfigError> errors = new java.util.ArrayList<>();
        ConfigLoader.parseCategories(json, errors);
        assertThat(errors).extracting(ConfigError::key).containsExactly("categories[0].name", "categories[1].name_en");
    }
}

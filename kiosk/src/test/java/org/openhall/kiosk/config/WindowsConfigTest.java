package org.openhall.kiosk.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code [[windows]]} and {@code [display]} (interface.md section 7). */
class WindowsConfigTest {
    private static final String BASE = """
            [kiosk]
            id = "k1"
            [[queue.categories]]
            code = "A"
            name = "综合受理"
            [[queue.categories]]
            code = "B"
            name = "社保医保"
            """;
    private final ConfigLoader loader = new ConfigLoader(Map.of(), ZoneId.of("UTC"));

    @TempDir
    Path tmp;

    private List<String> errorKeys(String toml) {
        try {
            loader.parse("test.toml", BASE + toml);
        } catch (InvalidConfigException e) {
            return e.errors().stream().map(ConfigError::key).toList();
        }
        throw new AssertionError("expected the config to be invalid");
    }

    @Test
    void aWindowGetsItsNamesCategoriesKeysAndTokenAndTheDisplayItsDefaults() throws Exception {
        Path token = Files.writeString(tmp.resolve("w3.token"), "s3cret-token-3\n");
        KioskConfig c = loader.parse("t", BASE + """
                [[windows]]
                id = "3"
                categories = ["B"]
                caller = { next = 16, recall = 12, no_show = 7, pause = 8 }
                token_file = "%s"
                [[windows]]
                id = "4"
                name = "四号"
                name_en = "Desk 4"
                """.formatted(token));
        WindowSettings w3 = c.windows().getFirst();
        assertThat(w3.name()).isEqualTo("3号窗口");
        assertThat(w3.nameEn()).isEqualTo("Window 3");
        assertThat(w3.categories()).containsExactly("B");
        assertThat(w3.caller()).containsExactly(Map.entry("next", 16), Map.entry("recall", 12), Map.entry("no_show", 7),
                Map.entry("pause", 8));
        assertThat(w3.token()).isEqualTo("s3cret-token-3");
        assertThat(w3.toString()).doesNotContain("s3cret");
        WindowSettings w4 = c.windows().get(1);
        assertThat(w4.name()).isEqualTo("四号");
        assertThat(w4.categories()).isEmpty();
        assertThat(w4.token()).isNull();
        assertThat(c.display()).isEqualTo(new DisplaySettings("zh", 2, 6, ""));
    }

    @Test
    void withoutWindowsTheKioskHasNoneAndAnyEvaluatorWindowIsFine() throws Exception {
        KioskConfig c = loader.parse("t", BASE + "[[evaluators]]\nwindow = \"7\"\nbuttons = { satisfied = 5 }\n");
        assertThat(c.windows()).isEmpty();
    }

    @Test
    void anEvaluatorMustNameAConfiguredWindow() {
        assertThat(errorKeys("""
                [[windows]]
                id = "1"
                [[evaluators]]
                window = "2"
                buttons = { satisfied = 5 }
                """)).containsExactly("evaluators[0].window");
    }

    @Test
    void badWindowsAreErrorsNamingTheirKeys() {
        assertThat(errorKeys("""
                [[windows]]
                id = "1"
                categories = ["Z"]
                caller = { next = 40, shout = 3 }
                token_file = "/nonexistent/token"
                colour = "red"
                [[windows]]
                id = "1"
                """)).containsExactlyInAnyOrder("windows[0].categories[0]", "windows[0].caller.next",
                "windows[0].caller.shout", "windows[0].token_file", "windows[0].colour", "windows[1].id");
    }

    @Test
    void callerKeysMustNotShareAPinWithOtherInputs() {
        assertThat(errorKeys("""
                [[ticket_buttons]]
                category = "A"
                pin = 17
                [[windows]]
                id = "1"
                caller = { next = 17 }
                """)).containsExactly("windows[0].caller.next");
    }

    @Test
    void displayValuesOutOfRangeAreErrors() {
        assertThat(errorKeys("""
                [display]
                voice = "fr"
                repeat = 0
                recent = 50
                volume = 3
                """)).containsExactlyInAnyOrder("display.voice", "display.repeat", "display.recent", "display.volume");
    }

    @Test
    void aTooShortTokenIsRefused() throws Exception {
        Path token = Files.writeString(tmp.resolve("short"), "abc");
        assertThat(errorKeys("[[windows]]\nid = \"1\"\ntoken_file = \"" + token + "\"\n"))
                .containsExactly("windows[0].token_file");
    }

    @Test
    void aWindowMayHaveASerialScannerAtNineThousandSixHundredBaudByDefault() throws Exception {
        Path token = Files.writeString(tmp.resolve("w1.token"), "s3cret-token-1");
        KioskConfig c = loader.parse("t", BASE + """
                [[windows]]
                id = "1"
                token_file = "%1$s"
                scanner = "/dev/ttyACM0"
                [[windows]]
                id = "2"
                token_file = "%1$s"
                scanner = "/dev/serial/by-id/usb-scanner"
                scanner_baud = 115200
                [[windows]]
                id = "3"
                """.formatted(token));
        assertThat(c.windows().get(0).scanner()).isEqualTo(new ScannerSettings("/dev/ttyACM0", 9600));
        assertThat(c.windows().get(1).scanner()).isEqualTo(new ScannerSettings("/dev/serial/by-id/usb-scanner", 115200));
        assertThat(c.windows().get(2).scanner().present()).isFalse();
    }

    @Test
    void aScannerNeedsADevicePathAStandardRateItsOwnPortAndTheClerkPage() throws Exception {
        Path token = Files.writeString(tmp.resolve("w1.token"), "s3cret-token-1");
        assertThat(errorKeys("""
                [printer]
                port = "/dev/ttyUSB0"
                [[windows]]
                id = "1"
                token_file = "%1$s"
                scanner = "ttyACM0"
                scanner_baud = 9601
                [[windows]]
                id = "2"
                token_file = "%1$s"
                scanner = "/dev/ttyUSB0"
                [[windows]]
                id = "3"
                token_file = "%1$s"
                scanner = "/dev/ttyACM1"
                [[windows]]
                id = "4"
                token_file = "%1$s"
                scanner = "/dev/ttyACM1"
                [[windows]]
                id = "5"
                scanner = "/dev/ttyACM5"
                [[windows]]
                id = "6"
                scanner = 5
                """.formatted(token))).containsExactlyInAnyOrder("windows[0].scanner", "windows[0].scanner_baud",
                "windows[1].scanner", "windows[3].scanner", "windows[4].scanner", "windows[5].scanner");
    }
}

package org.openhall.kiosk.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhall.kiosk.terminal.Browser.Orientation;
import org.openhall.kiosk.testing.FreePort;
import org.openhall.kiosk.testing.Http;
import org.openhall.kiosk.testing.Mosquitto;
import org.openhall.kiosk.testing.TestKiosk;

/**
 * The hall screen and the clerk page in a real headless Chromium (sound allowed without a gesture, as the kiosk
 * browser unit runs it) against a whole kiosk under --simulate with real espeak-ng: a key press reaches the screen
 * within a second, a call during another's announcement waits its turn, the screen survives the daemon's restart.
 */
class HallScreenIT {
    static final String TOKEN = "token-of-window-three";
    static final String HALL = TestKiosk.TWO_CATEGORIES + """
            [[windows]]
            id = "1"
            categories = ["A"]
            caller = { next = 16, recall = 12 }
            [[windows]]
            id = "3"
            name = "3号窗口"
            name_en = "Window 3"
            caller = { next = 20 }
            token_file = "%s"
            [display]
            voice = "zh"
            repeat = %d
            recent = 6
            """;

    @TempDir
    Path tmp;
    Mosquitto broker;
    TestKiosk kiosk;
    Browser browser;
    int port;

    @BeforeEach
    void start() throws Exception {
        broker = Mosquitto.start(tmp.resolve("broker"));
        port = FreePort.pick();
        kiosk = startKiosk(1);
        browser = Browser.start(tmp.resolve("chromium"), "--autoplay-policy=no-user-gesture-required");
        browser.orient(Orientation.LANDSCAPE);
    }

    TestKiosk startKiosk(int repeat) throws Exception {
        Path token = Files.writeString(tmp.resolve("w3.token"), TOKEN);
        String toml = TestKiosk.baseToml("hall-s", tmp.resolve("data"), broker.url()).replace("127.0.0.1:0", "127.0.0.1:" + port)
                + HALL.formatted(token, repeat);
        return TestKiosk.start(TestKiosk.config(toml), Clock.system(ZoneId.of("Asia/Shanghai")));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (kiosk != null) {
            kiosk.close();
        }
        broker.close();
    }

    Http http() {
        return new Http(port);
    }

    void issue(String category, int count) {
        for (int i = 0; i < count; i++) {
            assertThat(http().post("/api/tickets", "{\"category\":\"" + category + "\"}").status()).isEqualTo(201);
        }
    }

    void press(int pin) {
        assertThat(http().post("/api/sim/press?pin=" + pin + "&ms=80", "").status()).isEqualTo(200);
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** The screenshot after the new call's flash has ended. */
    void screenshotWhenStill(String name) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> ((Number) browser.script("return document.getAnimations().length")).intValue() == 0);
        browser.screenshot(name);
    }

    void awaitLive() {
        browser.until(d -> "false".equals(browser.script("return document.body.dataset.stale")) ? Boolean.TRUE : null);
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> spoken() {
        return (List<Map<String, Object>>) browser.script("return window.kioskSpeech.log.map(i => ({number: i.number,"
                + " recall: i.recall, plays: i.plays.map(p => ({startedAt: p.startedAt, endedAt: p.endedAt, error: p.error}))}))");
    }

    @Test
    void aKeyPressIsOnTheHallScreenWithinASecondAndIsSpoken() {
        issue("A", 2);
        browser.open(url("/display"));
        awaitLive();

        long pressed = System.currentTimeMillis();
        press(16);
        browser.until(d -> "A001".equals(browser.find("#now-number").getText()) ? Boolean.TRUE : null);
        long seen = System.currentTimeMillis() - pressed;
        System.out.println("HallScreenIT: key press to number on the screen " + seen + " ms");
        assertThat(seen).as("shown within 1 s").isLessThan(1_000);
        assertThat(browser.find("#now-window").getText()).isEqualTo("请到 1号窗口");

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> spoken().size() == 1);
        Map<String, Object> first = spoken().getFirst();
        assertThat(first.get("number")).isEqualTo("A001");
        List<Map<String, Object>> plays = (List<Map<String, Object>>) first.get("plays");
        assertThat(plays).hasSize(1);
        assertThat(plays.getFirst().get("error")).as("played, not failed").isNull();
        assertThat(plays.getFirst().get("startedAt")).isNotNull();
    }

    @Test
    void aSecondCallDuringTheFirstAnnouncementWaitsItsTurnAndARecallIsSpokenAgain() throws Exception {
        kiosk.close();
        kiosk = startKiosk(2);
        issue("A", 1);
        issue("B", 1);
        browser.open(url("/display"));
        awaitLive();

        press(16); // A001 to window 1
        browser.until(d -> Boolean.TRUE.equals(browser.script(
                "return window.kioskSpeech.current !== null && window.kioskSpeech.current.plays.length > 0"
                        + " && window.kioskSpeech.current.plays[0].startedAt !== null")) ? Boolean.TRUE : null);
        press(20); // B001 to window 3 while A001 is being spoken
        browser.until(d -> "B001".equals(browser.find("#now-number").getText()) ? Boolean.TRUE : null);
        assertThat(browser.script("return window.kioskSpeech.current.number")).as("not cut off").isEqualTo("A001");
        assertThat(browser.script("return window.kioskSpeech.queue.map(i => i.number).join()")).isEqualTo("B001");
        press(12); // recall A001 at window 1

        screenshotWhenStill("hall-display");
        Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> spoken().size() == 3);
        List<Map<String, Object>> log = spoken();
        assertThat(log).extracting(i -> i.get("number") + (Boolean.TRUE.equals(i.get("recall")) ? " again" : ""))
                .containsExactly("A001", "B001", "A001 again");
        long previousEnd = 0;
        for (Map<String, Object> item : log) {
            List<Map<String, Object>> plays = (List<Map<String, Object>>) item.get("plays");
            assertThat(plays).as("repeat = 2").hasSize(2);
            for (Map<String, Object> p : plays) {
                assertThat(p.get("error")).isNull();
                long started = ((Number) p.get("startedAt")).longValue();
                assertThat(started).as("one announcement at a time").isGreaterThanOrEqualTo(previousEnd);
                previousEnd = ((Number) p.get("endedAt")).longValue();
            }
        }
    }

    @Test
    void theScreenKeepsItsLastStateWhileTheDaemonIsDownAndRecovers() throws Exception {
        issue("A", 3);
        issue("B", 2);
        browser.open(url("/display"));
        awaitLive();
        press(16);
        browser.until(d -> "A001".equals(browser.find("#now-number").getText()) ? Boolean.TRUE : null);

        kiosk.close();
        kiosk = null;
        browser.until(d -> "true".equals(browser.script("return document.body.dataset.stale")) ? Boolean.TRUE : null);
        assertThat(browser.find("#stale").isDisplayed()).isTrue();
        assertThat(browser.find("#now-number").getText()).as("the last good state").isEqualTo("A001");
        assertThat(browser.find("#waiting").getText()).contains("2");
        screenshotWhenStill("hall-display-stale");

        kiosk = startKiosk(1);
        awaitLive();
        assertThat(browser.find("#stale").isDisplayed()).isFalse();
        press(16);
        browser.until(d -> "A002".equals(browser.find("#now-number").getText()) ? Boolean.TRUE : null);
        assertThat(browser.all("#recent li")).extracting(e -> e.getText().replace("\n", " ")).first().asString()
                .contains("A001");
    }

    @Test
    void theClerkPageRemembersItsTokenAndCallsWithF1() {
        issue("A", 1);
        issue("B", 1);
        browser.orient(Orientation.LANDSCAPE);
        browser.open(url("/counter?window=3"));
        browser.await("#token").sendKeys(TOKEN);
        browser.find("#login button").click();
        browser.until(d -> browser.find("#desk").isDisplayed() ? Boolean.TRUE : null);
        browser.find("body").sendKeys(org.openqa.selenium.Keys.F1);
        browser.until(d -> "A001".equals(browser.find("#called").getText()) ? Boolean.TRUE : null);

        browser.open(url("/counter?window=3")); // the token is remembered
        browser.until(d -> browser.find("#desk").isDisplayed() ? Boolean.TRUE : null);
        browser.find("body").sendKeys(org.openqa.selenium.Keys.F1);
        browser.until(d -> "B001".equals(browser.find("#called").getText()) ? Boolean.TRUE : null);
        browser.find("body").sendKeys(org.openqa.selenium.Keys.F4);
        browser.until(d -> browser.find("#state").getText().contains("Paused") ? Boolean.TRUE : null);
        assertThat(browser.find("#next").isEnabled()).isFalse();
        browser.screenshot("counter");
        assertThat(http().get("/api/windows/3").json().get("paused").asBoolean()).isTrue();

        browser.open(url("/display?window=3"));
        browser.until(d -> "B001".equals(browser.find("#now-number").getText()) ? Boolean.TRUE : null);
        screenshotWhenStill("window-display");
    }
}

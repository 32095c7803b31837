package org.openhall.kiosk.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhall.kiosk.terminal.Browser.Orientation;
import org.openhall.kiosk.testing.FreePort;
import org.openhall.kiosk.testing.Http;
import org.openhall.kiosk.testing.Mosquitto;
import org.openhall.kiosk.testing.TestKiosk;

/**
 * The figures of docs/calling.md, printed, not asserted: a caller key pressed through the simulated pins, to the
 * number on the hall screen (the page's own clock when the call event was rendered) and to the first sound (the
 * audio element's "playing" event), median of 20, each press made while the screen was silent, each number new
 * (so espeak-ng runs every time: no cache hit).
 */
class CallingLatencyBench {
    static final int RUNS = 20;

    @TempDir
    Path tmp;

    @Test
    void keyPressToScreenAndToFirstSound() throws Exception {
        int port = FreePort.pick();
        String toml = TestKiosk.baseToml("hall-m", tmp.resolve("data"), "tcp://127.0.0.1:" + FreePort.pick())
                .replace("127.0.0.1:0", "127.0.0.1:" + port) + TestKiosk.TWO_CATEGORIES + """
                [[windows]]
                id = "1"
                caller = { next = 16 }
                [display]
                voice = "zh"
                repeat = 1
                """;
        List<Long> toScreen = new ArrayList<>();
        List<Long> toSound = new ArrayList<>();
        try (Mosquitto broker = Mosquitto.start(tmp.resolve("broker"));
                TestKiosk kiosk = TestKiosk.start(TestKiosk.config(toml),
                        Clock.system(ZoneId.of("Asia/Shanghai")));
                Browser browser = Browser.start(tmp.resolve("chromium"), "--autoplay-policy=no-user-gesture-required")) {
            Http http = new Http(port);
            for (int i = 0; i < RUNS; i++) {
                assertThat(http.post("/api/tickets", "{\"category\":\"A\"}").status()).isEqualTo(201);
            }
            browser.orient(Orientation.LANDSCAPE);
            browser.open("http://127.0.0.1:" + port + "/display");
            browser.until(d -> "false".equals(browser.script("return document.body.dataset.stale")) ? Boolean.TRUE : null);
            for (int i = 1; i <= RUNS; i++) {
                String number = "A%03d".formatted(i);
                long pressed = System.currentTimeMillis();
                assertThat(http.post("/api/sim/press?pin=16&ms=80", "").status()).isEqualTo(200);
                Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5)).until(() ->
                        browser.script("return window.kioskShown.some(s => s.number === arguments[0])", number) == Boolean.TRUE);
                long shownAt = ((Number) browser.script(
                        "return window.kioskShown.find(s => s.number === arguments[0]).at", number)).longValue();
                Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() ->
                        browser.script("return window.kioskSpeech.log.some(s => s.number === arguments[0])"
                                + " && !window.kioskSpeech.busy", number) == Boolean.TRUE);
                Object started = browser.script("return window.kioskSpeech.log.find(s => s.number === arguments[0])"
                        + ".plays[0].startedAt", number);
                assertThat(started).as("the announcement of " + number + " played").isNotNull();
                toScreen.add(shownAt - pressed);
                toSound.add(((Number) started).longValue() - pressed);
            }
        }
        System.out.printf("CallingLatencyBench (%d presses): key press -> number on the hall screen median %d ms (min %d, max %d); "
                        + "key press -> first sound median %d ms (min %d, max %d)%n", RUNS, median(toScreen),
                Collections.min(toScreen), Collections.max(toScreen), median(toSound), Collections.min(toSound),
                Collections.max(toSound));
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
    }
}

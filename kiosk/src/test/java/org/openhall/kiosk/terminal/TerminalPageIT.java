package org.openhall.kiosk.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openhall.kiosk.terminal.Browser.Orientation;
import org.openhall.kiosk.testing.Mosquitto;
import org.openhall.kiosk.testing.MqttProbe;
import org.openhall.kiosk.testing.PrinterEmulator;
import org.openhall.kiosk.testing.PtyPair;
import org.openhall.kiosk.testing.TestKiosk;
import org.openqa.selenium.WebElement;

/**
 * The terminal page in a real headless Chromium against a whole kiosk under simulate, with a real broker in
 * the centre's place: what the page shows must be what the daemon published.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TerminalPageIT {
    static final String HALL = TestKiosk.TWO_CATEGORIES + """
            [[queue.categories]]
            code = "C"
            name = "不动产登记"
            name_en = "Real estate registration"
            [[evaluators]]
            window = "1"
            buttons = { very_satisfied = 5, satisfied = 6, basically_satisfied = 13, dissatisfied = 19, very_dissatisfied = 26 }
            lockout_s = 3
            [[evaluators]]
            window = "2"
            buttons = {}
            require_invite = true
            [[evaluators]]
            window = "3"
            buttons = {}
            lockout_s = 3
            [[evaluators]]
            window = "4"
            buttons = { satisfied = 7, dissatisfied = 8 }
            lockout_s = 3
            [[evaluators]]
            window = "5"
            buttons = {}
            require_invite = true
            [[evaluators]]
            window = "6"
            buttons = {}
            lockout_s = 1
            """;

    Path tmp;
    PtyPair serialLine;
    PrinterEmulator printer;
    Mosquitto broker;
    MqttProbe centre;
    TestKiosk kiosk;
    Browser browser;

    @BeforeAll
    void start() throws Exception {
        tmp = Files.createTempDirectory("terminal-it");
        broker = Mosquitto.start(tmp.resolve("broker"));
        centre = new MqttProbe(broker.url(), "kiosk/v1/test/+/events/#");
        // the ticket printer on a real serial line: each ticket waits for the DLE EOT status answers first
        serialLine = PtyPair.start();
        printer = PrinterEmulator.open(serialLine.far());
        kiosk = TestKiosk.start("hall-t", tmp.resolve("kiosk"), broker.url(),
                HALL + "[printer]\nport = \"" + serialLine.near() + "\"\n");
        browser = Browser.start(tmp.resolve("chromium"));
    }

    @AfterAll
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {browser, kiosk, printer, serialLine, centre, broker}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                System.err.println("while stopping: " + e);
            }
        }
        deleteTree(tmp); // Chromium's profile alone is tens of MB
    }

    static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("temp files left in " + root + ": " + e);
        }
    }

    @BeforeEach
    void portrait() {
        browser.orient(Orientation.PORTRAIT);
    }

    String page(String query) {
        return "http://127.0.0.1:" + kiosk.kiosk().httpPort() + "/" + query;
    }

    void openStart(String query) {
        browser.open(page(query));
        browser.await("#categories button.cat[data-code='A']");
    }

    @Test
    void takesATicketByTouchAndShowsTheNumberOfTheIssuedEvent() {
        openStart("");
        browser.await("#categories button.cat[data-code='B']").click();

        browser.awaitScreen("ticket");
        String shown = browser.find("#ticket-number").getText();
        JsonNode issued = centre.awaitEvent("ticket.issued",
                e -> e.path("data").path("number").asText().equals(shown), Duration.ofSeconds(10));
        assertThat(shown).matches("B\\d{3}");
        assertThat(issued.path("data").path("channel").asText()).isEqualTo("terminal");
        assertThat(issued.path("data").path("printed").asBoolean()).isTrue();
        browser.until(d -> new String(printer.printed(), StandardCharsets.ISO_8859_1).contains(shown) ? true : null);
        assertThat(issued.path("data").path("priority").asBoolean()).isFalse();
        assertThat(browser.find("#ticket-ahead").getText())
                .contains(String.valueOf(issued.path("data").path("ahead").asInt() == 0 ? "前面没有人" : issued.path("data").path("ahead").asText()));

        touchAfterGuard("#ticket"); // a touch anywhere goes back
        browser.awaitScreen("start");
        // the waiting count came by the event stream, without a reload
        browser.until(d -> browser.find("#categories button.cat[data-code='B'] .cat-wait").getText().matches("[1-9]\\d* 人等候") ? true : null);
    }

    @Test
    void aPriorityTicketNeedsTheSeparateScreen() {
        openStart("");
        browser.await("#priority").click();
        browser.awaitScreen("priority-screen");
        browser.await("#priority-categories button.cat[data-code='A']").click();

        browser.awaitScreen("ticket");
        String shown = browser.find("#ticket-number").getText();
        JsonNode issued = centre.awaitEvent("ticket.issued",
                e -> e.path("data").path("number").asText().equals(shown), Duration.ofSeconds(10));
        assertThat(issued.path("data").path("priority").asBoolean()).isTrue();
        assertThat(browser.find("#ticket-category").getText()).contains("优先号");
    }

    @Test
    void timeFromTouchToNumberOnScreen() {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            openStart("");
            WebElement a = browser.await("#categories button.cat[data-code='A']");
            browser.script("""
                    window.__t = {};
                    document.addEventListener('pointerdown', () => { window.__t.touch = performance.now(); }, {capture: true, once: true});
                    new MutationObserver((m, o) => { window.__t.shown = performance.now(); o.disconnect(); })
                        .observe(document.getElementById('ticket-number'), {childList: true, characterData: true, subtree: true});
                    """);
            a.click();
            browser.awaitScreen("ticket");
            Number ms = (Number) browser.until(d -> browser.script(
                    "return window.__t.shown && window.__t.touch ? window.__t.shown - window.__t.touch : null"));
            millis.add(ms.doubleValue());
        }
        List<Double> sorted = millis.stream().sorted().toList();
        double median = (sorted.get(4) + sorted.get(5)) / 2;
        System.out.printf("touch to number on screen: median %.1f ms of 10 (min %.1f, max %.1f): %s%n",
                median, sorted.get(0), sorted.get(9), millis);
        assertThat(millis).hasSize(10);
    }

    @Test
    void paperOutShowsTheNoticeAndIssuesNoTicket() {
        try (PtyPair line = PtyPair.start();
                PrinterEmulator hallPrinter = PrinterEmulator.open(line.far());
                TestKiosk hall = TestKiosk.start("hall-p", tmp.resolve("kiosk-p"), broker.url(),
                        HALL + "[printer]\nport = \"" + line.near() + "\"\n")) {
            String url = "http://127.0.0.1:" + hall.kiosk().httpPort() + "/";
            browser.open(url);
            browser.await("#categories button.cat[data-code='A']");
            assertThat(browser.find("#notice").isDisplayed()).isFalse();

            hallPrinter.paper(PrinterEmulator.Paper.OUT); // the kiosk's idle poll finds it; the page learns it by the event stream
            browser.until(d -> browser.find("#notice").isDisplayed() ? true : null);
            assertThat(browser.find("#notice").getText()).contains("缺纸");
            assertThat(browser.all("#categories button.cat")).allSatisfy(b -> assertThat(b.isEnabled()).isFalse());
            assertThat(browser.find("#categories button.cat[data-code='A'] .cat-wait").getText()).isEqualTo("暂停取号");
            for (Orientation o : Orientation.values()) {
                browser.orient(o);
                shot("11-paper-out");
            }
            browser.orient(Orientation.PORTRAIT);

            browser.find("#categories button.cat[data-code='A']").click(); // a touch on the disabled button
            assertThat(hall.http().post("/api/tickets", "{\"category\":\"A\"}").json().path("error").asText())
                    .isEqualTo("printer_paper_out");
            sleep(1_000);
            assertThat(browser.find("#ticket").isDisplayed()).isFalse();
            assertThat(centre.events("ticket.issued")).noneMatch(e -> e.path("kiosk").asText().equals("hall-p"));

            hallPrinter.paper(PrinterEmulator.Paper.OK);
            browser.await("#categories button.cat[data-code='A']").click();
            browser.awaitScreen("ticket");
            assertThat(browser.find("#ticket-number").getText()).as("no number was used up while out of paper")
                    .isEqualTo("A001");
            browser.open("about:blank");
        }
    }

    @Test
    void aCallFromTheCentreLowersTheCountLiveAndOpensRatingAtAWindowWithoutButtons() {
        openStart("");
        browser.await("#categories button.cat[data-code='C']").click();
        browser.awaitScreen("ticket");
        String number = browser.find("#ticket-number").getText();
        touchAfterGuard("#ticket");
        String waitingBefore = browser.until(d -> {
            String text = browser.find("#categories button.cat[data-code='C'] .cat-wait").getText();
            return text.matches("[1-9]\\d* 人等候") ? text : null;
        });

        centre.publish(kiosk.topicRoot() + "/cmd/call",
                "{\"id\":\"" + java.util.UUID.randomUUID() + "\",\"window\":\"5\",\"categories\":[\"C\"]}");
        centre.awaitEvent("ticket.called", e -> e.path("data").path("number").asText().equals(number), Duration.ofSeconds(10));
        browser.until(d -> browser.find("#categories button.cat[data-code='C'] .cat-wait").getText().equals(waitingBefore)
                ? null : true);

        rate("5", "very_satisfied"); // window 5 has no buttons and needs an invite: the call opened it
        browser.until(d -> "thanks".equals(browser.find("#message").getDomAttribute("data-kind")) ? true : null);
        JsonNode rating = centre.awaitEvent("rating.submitted",
                e -> e.path("data").path("window").asText().equals("5"), Duration.ofSeconds(10));
        assertThat(rating.path("data").path("level").asText()).isEqualTo("very_satisfied");
        assertThat(rating.path("data").path("ticket").asText()).isEqualTo(number);
    }

    @Test
    void ratesAServiceByTouch() {
        openStart("");
        browser.await("#rate").click();
        browser.awaitScreen("windows");
        browser.await("#window-list button[data-window='1']").click();
        browser.awaitScreen("levels");
        browser.await("#level-list button[data-level='satisfied']").click();

        browser.awaitScreen("message");
        assertThat(browser.find("#message-h").getText()).isEqualTo("感谢您的评价！");
        JsonNode rating = centre.awaitEvent("rating.submitted",
                e -> e.path("data").path("window").asText().equals("1"), Duration.ofSeconds(10));
        assertThat(rating.path("data").path("level").asText()).isEqualTo("satisfied");
        assertThat(rating.path("data").path("channel").asText()).isEqualTo("terminal");
    }

    @Test
    void aRatingInsideTheLockoutIsExplainedInPlainWords() {
        openStart("");
        rate("3", "very_satisfied");
        browser.awaitScreen("message");
        assertThat(browser.find("#message-h").getText()).isEqualTo("感谢您的评价！");
        rate("3", "satisfied");
        browser.awaitScreen("message");
        browser.until(d -> browser.find("#message-h").getText().equals("请稍候") ? true : null);
        assertThat(browser.find("#message-text").getText()).contains("几秒钟");
    }

    @Test
    void aWindowWithoutAnOpenInviteSaysThereIsNothingToRate() {
        openStart("");
        rate("2", "dissatisfied");
        browser.awaitScreen("message");
        browser.until(d -> browser.find("#message-h").getText().equals("暂时不能评价") ? true : null);
        assertThat(browser.find("#message-text").getText()).contains("没有可评价的服务");
    }

    /**
     * Saves a screenshot after checking what the issue demands of every screen: nothing to scroll, every
     * visible control at least 96 px both ways, no visible text under 28 px.
     */
    void shot(String name) {
        Object problems = browser.script("""
                const out = [];
                const screen = [...document.querySelectorAll('.screen')].find(s => !s.hidden);
                if (screen.scrollHeight > screen.clientHeight + 1 || document.body.scrollHeight > innerHeight + 1)
                  out.push('scrolls: ' + screen.id);
                for (const b of document.querySelectorAll('button')) {
                  const r = b.getBoundingClientRect();
                  if (r.width > 0 && (r.width < 96 || r.height < 96)) out.push('small target: ' + b.textContent.trim());
                }
                const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
                for (let t = walk.nextNode(); t; t = walk.nextNode()) {
                  const e = t.parentElement;
                  if (t.textContent.trim() && e.getClientRects().length && parseFloat(getComputedStyle(e).fontSize) < 28)
                    out.push('small text: ' + t.textContent.trim());
                }
                return out.join('; ');
                """);
        assertThat(problems).as("%s at %s", name, browser.orientation()).isEqualTo("");
        browser.screenshot(name);
    }

    /** The page ignores dismissing touches in the first second of a screen (a double tap must not lose a ticket). */
    void touchAfterGuard(String css) {
        sleep(1_100);
        browser.find(css).click();
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aDoubleTapOnACategoryDoesNotDismissTheTicket() {
        openStart("");
        WebElement c = browser.await("#categories button.cat[data-code='C']");
        // the second tap of a double tap lands 50 ms after the number appears, however slow the driver is
        browser.script("""
                new MutationObserver((m, o) => { o.disconnect(); setTimeout(() => document.getElementById('ticket').click(), 50); })
                    .observe(document.getElementById('ticket-number'), {childList: true, characterData: true, subtree: true});
                """);
        c.click();
        browser.awaitScreen("ticket");
        sleep(500);
        assertThat(browser.find("#ticket").isDisplayed()).isTrue();
        assertThat(browser.find("#ticket-number").getText()).matches("C\\d{3}");
    }

    void rate(String window, String level) {
        if (browser.find("#message").isDisplayed()) {
            touchAfterGuard("#message button.done");
        }
        browser.await("#rate").click();
        browser.awaitScreen("windows");
        browser.await("#window-list button[data-window='" + window + "']").click();
        browser.await("#level-list button[data-level='" + level + "']").click();
        if (level.endsWith("dissatisfied")) {
            browser.awaitScreen("reasons");
            browser.await("#reasons-skip").click();
        }
    }

    @Test
    void aBadRatingAsksWhyAndSendsTheChosenReasons() {
        sleep(1_100); // window 6's lockout after another test's rating
        openStart("");
        browser.await("#rate").click();
        browser.awaitScreen("windows");
        browser.await("#window-list button[data-window='6']").click();
        browser.await("#level-list button[data-level='very_dissatisfied']").click();
        browser.awaitScreen("reasons");
        assertThat(browser.all("#reason-list button.reason")).hasSize(5);
        browser.find("#reason-list button[data-reason='waiting_time']").click();
        browser.find("#reason-list button[data-reason='attitude']").click();
        browser.find("#reason-list button[data-reason='attitude']").click(); // changed their mind
        browser.find("#reason-list button[data-reason='not_done_once']").click();
        assertThat(browser.find("#reason-list button[data-reason='waiting_time']").getDomAttribute("aria-pressed"))
                .isEqualTo("true");
        browser.find("#reasons-send").click();

        browser.until(d -> "thanks".equals(browser.find("#message").getDomAttribute("data-kind")) ? true : null);
        JsonNode rating = centre.awaitEvent("rating.submitted",
                e -> e.path("data").path("window").asText().equals("6") && e.path("data").path("reasons").size() == 2,
                Duration.ofSeconds(10));
        assertThat(rating.path("data").path("reasons").toString()).isEqualTo("[\"waiting_time\",\"not_done_once\"]");
    }

    @Test
    void aResidentWhoWalksAwayFromTheReasonsStillLeavesTheRating() {
        sleep(1_100);
        openStart("?idle=2");
        browser.await("#rate").click();
        browser.awaitScreen("windows");
        browser.await("#window-list button[data-window='6']").click();
        browser.await("#level-list button[data-level='dissatisfied']").click();
        browser.awaitScreen("reasons");
        browser.find("#reason-list button[data-reason='other']").click();

        browser.awaitScreen("start");
        JsonNode rating = centre.awaitEvent("rating.submitted",
                e -> e.path("data").path("window").asText().equals("6")
                        && e.path("data").path("level").asText().equals("dissatisfied"), Duration.ofSeconds(10));
        assertThat(rating.path("data").path("reasons").size()).isZero();
    }

    @Test
    void switchesLanguageAndBack() {
        openStart("");
        assertThat(browser.find("h1").getText()).isEqualTo("自助取号");
        browser.await("#lang").click();
        browser.until(d -> browser.find("h1").getText().equals("Take a ticket") ? true : null);
        assertThat(browser.script("return document.documentElement.lang")).isEqualTo("en");
        assertThat(browser.find("#categories button.cat[data-code='A'] .cat-en").getText()).isEqualTo("General affairs");
        assertThat(browser.find("#lang").getText()).isEqualTo("中文");

        browser.find("#lang").click();
        browser.until(d -> browser.find("h1").getText().equals("自助取号") ? true : null);
        assertThat(browser.script("return document.documentElement.lang")).isEqualTo("zh-Hans");
    }

    @Test
    void idleReturnsToTheStartScreenInChinese() {
        openStart("?idle=2");
        browser.await("#lang").click();
        long lastTouch = System.nanoTime(); // before the last touch, so the idle time cannot look shorter than it was
        browser.await("#priority").click();
        browser.awaitScreen("priority-screen");

        browser.awaitScreen("start");
        double seconds = (System.nanoTime() - lastTouch) / 1e9;
        assertThat(seconds).isBetween(2.0, 10.0);
        assertThat(browser.find("h1").getText()).isEqualTo("自助取号");
    }

    /** Every screen at both orientations, saved under target/screenshots for docs/screenshots. */
    @Test
    void screenshotsOfEveryScreenAtBothOrientations() throws InterruptedException {
        for (Orientation o : Orientation.values()) {
            browser.orient(o);
            openStart("");
            shot("01-start");
            browser.find("#lang").click();
            browser.until(d -> browser.find("h1").getText().equals("Take a ticket") ? true : null);
            shot("02-start-english");
            browser.find("#lang").click();

            browser.await("#priority").click();
            browser.awaitScreen("priority-screen");
            shot("03-priority");
            browser.find("#priority-screen .back").click();

            browser.await("#rate").click();
            browser.awaitScreen("windows");
            shot("05-rate-window");
            browser.await("#window-list button[data-window='4']").click();
            browser.awaitScreen("levels");
            shot("06-rate-level");
            browser.find("#lang").click();
            browser.until(d -> browser.find("#levels-h").getText().startsWith("How was") ? true : null);
            shot("07-rate-level-english");
            browser.find("#lang").click();
            browser.await("#level-list button[data-level='satisfied']").click();
            browser.until(d -> "thanks".equals(browser.find("#message").getDomAttribute("data-kind")) ? true : null);
            shot("08-thanks");

            // a second rating inside window 4's lockout: the first one sent straight before the touch, so a slow
            // machine cannot let the lockout run out in between
            touchAfterGuard("#message button.done");
            browser.await("#rate").click();
            browser.await("#window-list button[data-window='4']").click();
            WebElement satisfied = browser.await("#level-list button[data-level='satisfied']");
            new org.openhall.kiosk.testing.Http(kiosk.kiosk().httpPort())
                    .post("/api/ratings", "{\"window\":\"4\",\"level\":\"satisfied\"}");
            satisfied.click();
            browser.until(d -> browser.find("#message-h").getText().equals("请稍候") ? true : null);
            shot("09-please-wait");
            rate("2", "satisfied");
            browser.until(d -> browser.find("#message-h").getText().equals("暂时不能评价") ? true : null);
            shot("10-nothing-to-rate");
            touchAfterGuard("#message button.done");

            browser.await("#rate").click();
            browser.await("#window-list button[data-window='6']").click();
            browser.await("#level-list button[data-level='very_dissatisfied']").click();
            browser.awaitScreen("reasons");
            browser.find("#reason-list button[data-reason='waiting_time']").click();
            shot("12-rate-reasons");
            browser.find("#reasons-send").click();
            browser.awaitScreen("message");
            touchAfterGuard("#message button.done");

            browser.await("#categories button.cat[data-code='A']").click();
            browser.awaitScreen("ticket");
            shot("04-ticket");
            touchAfterGuard("#ticket-done");
            Thread.sleep(3_500); // window 4's lockout, before the next orientation rates it again
        }
    }
}

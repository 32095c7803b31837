package org.openhall.kiosk.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhall.centre.app.Centre;
import org.openhall.centre.config.CentreConfigLoader;
import org.openhall.centre.testing.Api;
import org.openhall.centre.testing.CentreCli;
import org.openhall.centre.testing.CentreToml;
import org.openhall.kiosk.testing.FreePort;
import org.openhall.kiosk.testing.Http;
import org.openhall.kiosk.testing.Mosquitto;
import org.openhall.kiosk.testing.PrinterEmulator;
import org.openhall.kiosk.testing.PtyPair;
import org.openhall.kiosk.testing.TestClock;
import org.openhall.kiosk.testing.TestKiosk;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The whole path of a government parcel against real daemons: a kiosk (its printer a pty with the ESC/POS
 * emulator at the far end), mosquitto, and a centre on SQLite. The clerk registers at the clerk API, the
 * label's bytes are decoded, the hand-over is scanned by keyboard input in headless Chromium, the receipt's
 * bytes are decoded, the events reach the centre, the grid worker signs in and records the door outcome,
 * and a parcel left out raises the overdue alarm. Bad input at each step is refused and records nothing.
 */
class ParcelJourneyIT {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Charset GB18030 = Charset.forName("GB18030");
    private static final String SITE = "test";
    private static final String KIOSK = "hall-01";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;
    private String workerToken;

    private static String decoded(byte[] bytes) {
        return new String(bytes, GB18030);
    }

    /** The bytes of one GS ( k "store QR data" command carrying {@code content}. */
    private static byte[] qrStore(String content) {
        byte[] data = content.getBytes(StandardCharsets.US_ASCII);
        int n = data.length + 3;
        byte[] out = new byte[8 + data.length];
        byte[] head = {0x1D, '(', 'k', (byte) n, (byte) (n >> 8), 49, 80, 48};
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(data, 0, out, head.length, data.length);
        return out;
    }

    private static byte[] awaitCut(PrinterEmulator printer, int cuts) {
        byte[] cut = {0x1D, 'V', 66};
        Awaitility.await().atMost(WAIT).until(() -> count(printer.printed(), cut) >= cuts);
        return printer.printed();
    }

    private static int count(byte[] hay, byte[] needle) {
        int n = 0;
        for (int i = ParcelLayoutBytes.indexOf(hay, needle, 0); i >= 0; i = ParcelLayoutBytes.indexOf(hay, needle, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void aParcelGoesFromTheWindowThroughTheGridWorkerToTheDoor() throws Exception {
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs = new ch.qos.logback.core.read.ListAppender<>();
        logs.start();
        root.addAppender(logs);
        try {
            wholePath();
        } finally {
            root.detachAppender(logs);
        }
        // the kiosk's and the centre's journal (one JVM here): parcel numbers and worker ids, never the resident
        java.util.List<String> lines;
        synchronized (logs) {
            lines = logs.list.stream().map(e -> e.getFormattedMessage() + " " + e.getThrowableProxy()).toList();
        }
        assertThat(lines).anyMatch(l -> l.contains("parcel P")).noneMatch(l -> l.contains("朱晓荣") || l.contains("13812341234")
                || l.contains("幸福小区") || l.contains("下午送"));
    }

    private void wholePath() throws Exception {
        Path centreToml = tmp.resolve("centre.toml");
        int centrePort = FreePort.pick();
        Files.writeString(centreToml, CentreToml.of("centre-1", tmp.resolve("centre"), "tcp://127.0.0.1:1", centrePort,
                "[parcels]\noverdue_days = 2\n"));
        try (Mosquitto broker = Mosquitto.start(tmp.resolve("broker"));
                PtyPair line = PtyPair.start();
                PrinterEmulator printer = PrinterEmulator.open(line.far())) {
            Files.writeString(centreToml, CentreToml.of("centre-1", tmp.resolve("centre"), broker.url(), centrePort,
                    "[parcels]\noverdue_days = 2\n"));
            String admin = CentreCli.token(centreToml.toString(), "admin");
            assertThat(CentreCli.run("door-step-pass\n", "user", "--config", centreToml.toString(), "add", "W01",
                    "--role", "worker").exit()).isZero();
            CentreCli.Result otherWorker = CentreCli.run("", "token", "--config", centreToml.toString(), "--role", "worker",
                    "--name", "W02");
            assertThat(otherWorker.exit()).as(otherWorker.err()).isZero();
            workerToken = otherWorker.out().strip();
            TestClock centreClock = TestClock.ticking(Instant.now(), SHANGHAI);
            Centre centre = new Centre(new CentreConfigLoader(Map.of()).load(centreToml), centreClock);
            centre.start();
            try (TestKiosk kiosk = TestKiosk.start(KIOSK, tmp.resolve("kiosk"), broker.url(), TestKiosk.TWO_CATEGORIES
                    + ParcelRoutesIT.windows(tmp) + "[printer]\nport = \"" + line.near() + "\"\n");
                    Browser browser = Browser.start(tmp.resolve("chromium"))) {
                Api api = new Api(centrePort, admin);
                journey(kiosk, printer, api, browser, centreClock, centrePort);
            } finally {
                centre.stop();
            }
        }
    }

    private void journey(TestKiosk kiosk, PrinterEmulator printer, Api api, Browser browser, TestClock centreClock,
            int centrePort) throws Exception {
        // the centre sends the grid workers' list; the kiosk answers with its command.result
        Awaitility.await().atMost(WAIT).until(() -> api.get("/api/kiosks").body().contains("\"online\""));
        Api.Answer workers = api.post("/api/kiosks/" + SITE + "/" + KIOSK + "/commands/workers",
                "{\"workers\":[{\"id\":\"W01\",\"name\":\"李四\"},{\"id\":\"W02\",\"name\":\"王五\"}]}");
        assertThat(workers.status()).as(workers.body()).isEqualTo(200);
        assertThat(workers.json().toString()).contains("\"workers\":2");
        Api.Answer badWorkers = api.post("/api/kiosks/" + SITE + "/" + KIOSK + "/commands/workers",
                "{\"workers\":[{\"id\":\"W 1\",\"name\":\"x\"}]}");
        assertThat(badWorkers.json().toString()).contains("invalid_argument");

        // register at the clerk API: the label at the printer carries the masked name and the QR of the id
        ClerkClient clerk = new ClerkClient(kiosk.kiosk().httpPort(), ParcelRoutesIT.TOKEN_3);
        printer.clear();
        Http.Answer created = clerk.post("/api/parcels", ParcelRoutesIT.PARCEL);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode a = created.json();
        String label = decoded(awaitCut(printer, 1));
        assertThat(label).contains(a.get("number").asText(), "户籍证明", "朱*荣", "138****1234")
                .doesNotContain("朱晓荣", "13812341234", "幸福小区", "下午送");
        assertThat(ParcelLayoutBytes.indexOf(printer.printed(), qrStore(a.get("parcelId").asText()), 0)).isNotNegative();
        JsonNode b = clerk.post("/api/parcels", ParcelRoutesIT.PARCEL.replace("户籍证明", "不动产登记")).json();
        awaitCut(printer, 2);
        // the printer out of paper: refused before a number is taken, nothing recorded, nothing printed
        printer.paper(PrinterEmulator.Paper.OUT);
        int bytesBefore = printer.printed().length;
        Http.Answer noPaper = clerk.post("/api/parcels", ParcelRoutesIT.PARCEL);
        assertThat(noPaper.status()).as(noPaper.body()).isEqualTo(503);
        assertThat(noPaper.json().get("error").asText()).isEqualTo("printer_paper_out");
        assertThat(printer.printed()).hasSize(bytesBefore);
        printer.paper(PrinterEmulator.Paper.OK);
        // an oversized field: refused with its name, no label, no parcel
        int printedBefore = printer.printed().length;
        Http.Answer big = clerk.post("/api/parcels", ParcelRoutesIT.PARCEL.replace("幸福小区3栋501", "址".repeat(129)));
        assertThat(big.status()).isEqualTo(400);
        assertThat(big.json().get("field").asText()).isEqualTo("address");
        assertThat(clerk.get("/api/parcels").json().get("parcels")).hasSize(2);

        // the hand-over page: a USB scanner is keyboard input ending with Enter
        printer.clear();
        browser.open("http://127.0.0.1:" + kiosk.kiosk().httpPort() + "/parcels?window=3");
        browser.await("#token").sendKeys(ParcelRoutesIT.TOKEN_3 + Keys.ENTER);
        browser.await("#worker-id").sendKeys("W99");
        browser.find("#start-button").click();
        awaitMessage(browser, "error", "网格员不在名单中");
        browser.find("#worker-id").clear();
        new Select(browser.find("#worker-select")).selectByValue("W01");
        browser.find("#start-button").click();
        WebElement scan = browser.await("#scan");
        scan.sendKeys(a.get("parcelId").asText() + Keys.ENTER);
        browser.until(d -> browser.all("#scanned tbody tr").size() == 1 ? Boolean.TRUE : null);
        browser.find("#scan").sendKeys(a.get("parcelId").asText() + Keys.ENTER);
        awaitMessage(browser, "error", "已在清单中");
        browser.find("#scan").sendKeys("P20990101001" + Keys.ENTER);
        awaitMessage(browser, "error", "未知包裹码");
        browser.find("#scan").sendKeys(b.get("number").asText() + Keys.ENTER);
        browser.until(d -> browser.all("#scanned tbody tr").size() == 2 ? Boolean.TRUE : null);
        assertThat(printer.printed()).isEmpty(); // nothing printed or recorded before the confirmation
        browser.find("#confirm-button").click();
        awaitMessage(browser, "ok", "交接完成");
        String receipt = decoded(awaitCut(printer, 1));
        assertThat(receipt).contains("政务包裹交接回执单", "李四 (W01)", a.get("number").asText() + "  户籍证明",
                b.get("number").asText() + "  不动产登记", "网格员签字", "大厅签字");
        browser.screenshot("parcels-handover");

        // a parcel handed over cannot be scanned into another hand-over
        String again = clerk.post("/api/handovers", "{\"worker\":\"W02\"}").json().get("handoverId").asText();
        assertThat(clerk.post("/api/handovers/" + again + "/scans", "{\"code\":\"" + a.get("parcelId").asText() + "\"}")
                .json().get("error").asText()).isEqualTo("already_handed_over");

        // the events at the centre: state, worker, due date; the personal data only behind the roles
        String aPath = "/api/parcels/" + a.get("parcelId").asText();
        Awaitility.await().atMost(WAIT).until(() -> api.get(aPath).status() == 200
                && "handed_over".equals(api.get(aPath).json().get("state").asText()));
        JsonNode atCentre = api.json(aPath);
        assertThat(atCentre.get("worker").asText()).isEqualTo("W01");
        assertThat(atCentre.get("due").asText()).isNotBlank();
        assertThat(atCentre.get("personal").get("address").asText()).isEqualTo("幸福小区3栋501");
        assertThat(api.get("/api/events?type=parcel.registered").body()).contains(a.get("number").asText())
                .doesNotContain("朱晓荣", "13812341234", "幸福小区");

        // another worker's token sees none of it, nor the fleet
        Api other = new Api(centrePort, workerToken);
        assertThat(other.get("/api/kiosks").status()).isEqualTo(403);
        assertThat(other.get("/api/events").status()).isEqualTo(403);
        assertThat(other.json("/api/parcels").get("parcels")).isEmpty();
        assertThat(other.get(aPath).status()).isEqualTo(404);
        assertThat(other.post(aPath + "/outcome", "{\"outcome\":\"delivered\"}").status()).isEqualTo(404);

        // once the broker has the events, the kiosk keeps nothing personal
        Awaitility.await().atMost(WAIT).until(() -> kiosk.http().get("/api/health").json().get("outboxDepth").asLong() == 0);
        kiosk.close(); // the daemon holds its database exclusively (locking_mode=EXCLUSIVE): read it once stopped
        assertThat(ParcelRoutesIT.everything(tmp.resolve("kiosk").resolve("kiosk.db"))).contains("朱*荣")
                .doesNotContain("朱晓荣", "13812341234", "幸福小区", "下午送");

        // the grid worker signs in on a phone and records the door outcome of parcel a
        String centre = "http://127.0.0.1:" + centrePort;
        browser.open(centre + "/login");
        browser.await("input[name=user]").sendKeys("W01");
        browser.find("input[name=password]").sendKeys("door-step-pass" + Keys.ENTER);
        browser.until(d -> d.getCurrentUrl().endsWith("/parcels") ? Boolean.TRUE : null);
        assertThat(browser.all("#parcels tbody tr")).hasSize(2);
        browser.open(centre + "/parcels/" + a.get("parcelId").asText());
        assertThat(browser.find("#parcel").getText()).contains("朱晓荣", "13812341234", "幸福小区3栋501");
        browser.find("input[value=rescheduled]").click(); // no date given: refused, nothing changes
        browser.find("#outcome-form button").click();
        browser.until(d -> d.getPageSource().contains("date") ? Boolean.TRUE : null);
        assertThat(api.json(aPath).get("state").asText()).isEqualTo("handed_over");
        browser.open(centre + "/parcels/" + a.get("parcelId").asText());
        browser.find("input[value=delivered]").click();
        browser.find("#outcome-form button").click();
        browser.until(d -> d.findElement(org.openqa.selenium.By.id("state")).getText().contains("已送达") ? Boolean.TRUE : null);
        browser.screenshot("parcels-worker-delivered");
        browser.open(centre + "/");
        assertThat(browser.find("body").getText()).doesNotContain("设备总览"); // the fleet is not a worker's
        assertThat(api.json(aPath).get("state").asText()).isEqualTo("delivered");

        // parcel b stays out: after overdue_days the alarm is raised, naming it and nothing personal
        centreClock.jump(Duration.ofDays(2).plusHours(1));
        Awaitility.await().atMost(WAIT).until(() -> api.get("/api/alarms?state=active").body().contains("parcel_overdue"));
        String alarms = api.get("/api/alarms?state=active").body();
        assertThat(alarms).contains(b.get("number").asText()).doesNotContain(a.get("number").asText(), "朱");
        assertThat(api.json("/api/parcels?state=overdue").get("parcels")).hasSize(1);
        assertThat(printedBefore).isPositive();
    }

    private static void awaitMessage(Browser browser, String kind, String text) {
        browser.until(d -> {
            WebElement m = d.findElement(org.openqa.selenium.By.id("message"));
            return m.getAttribute("class").contains(kind) && m.getText().contains(text) ? Boolean.TRUE : null;
        });
    }
}

package org.openhall.centre.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhall.centre.app.Centre;
import org.openhall.centre.config.CentreConfigLoader;
import org.openhall.centre.testing.Api;
import org.openhall.centre.testing.CentreCli;
import org.openhall.centre.testing.CentreToml;
import org.openhall.centre.testing.Envelopes;
import org.openhall.kiosk.testing.FreePort;
import org.openhall.kiosk.testing.Mosquitto;
import org.openhall.kiosk.testing.MqttProbe;
import org.openhall.kiosk.testing.RawHttp;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The centre's pages in a real headless Chromium, signed in; screenshots in target/screenshots/centre-*.png. */
class CentrePagesIT {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String PASSWORD = "correct horse battery";
    @TempDir
    Path dir;
    private Mosquitto broker;
    private Centre centre;
    private String base;
    private Api api;

    @BeforeEach
    void start() throws Exception {
        broker = Mosquitto.start(dir.resolve("broker"), "max_inflight_messages 1000");
        Path config = dir.resolve("centre.toml");
        Files.writeString(config, CentreToml.of("centre-pages", dir.resolve("data"), broker.url(), FreePort.pick(),
                "[alarms]\noffline_after_s = 1\ngap_after_s = 1\n"));
        assertThat(CentreCli.run(PASSWORD + "\n", "user", "--config", config.toString(), "add", "ann", "--role", "supervisor").exit())
                .isZero();
        String token = CentreCli.token(config.toString(), "viewer");
        centre = new Centre(new CentreConfigLoader(Map.of()).load(config), Clock.systemUTC());
        centre.start();
        base = "http://127.0.0.1:" + centre.httpPort();
        api = new Api(centre.httpPort(), token);
        // the centre's session must exist before the kiosks publish (afterwards the broker keeps it)
        await().atMost(Duration.ofSeconds(10)).until(() -> api.json("/api/health").path("mqtt").asText().equals("connected"));
        seed();
    }

    /** Two kiosks: one online with a day of telemetry, one offline with a hole in its seq and no paper. */
    private void seed() {
        try (MqttProbe kiosk = new MqttProbe(broker.url())) {
            long now = System.currentTimeMillis();
            kiosk.publish("kiosk/v1/wuquan/wq-hall-01/status", ("{\"state\":\"online\",\"kiosk\":\"wq-hall-01\",\"version\":\"0.1.0\","
                    + "\"time\":\"" + OffsetDateTime.now() + "\"}").getBytes(StandardCharsets.UTF_8), true);
            for (int i = 1; i <= 48; i++) {
                long t = now - (48 - i) * 1_800_000L;
                int depth = (int) (40 + 35 * Math.sin(i / 5.0) + (i > 30 && i < 36 ? 300 : 0));
                kiosk.publish("kiosk/v1/wuquan/wq-hall-01/events/telemetry", Envelopes.json("wuquan", "wq-hall-01", i, "t" + i,
                        "telemetry", t, "{\"uptimeS\":" + i * 1800 + ",\"outbox\":{\"depth\":" + Math.max(0, depth)
                                + ",\"oldestAgeS\":2,\"dropped\":0},\"mqtt\":{\"reconnects\":0},\"printer\":\"ok\","
                                + "\"ticketsToday\":" + (i * 3) + ",\"ratingsToday\":" + (i * 2) + ",\"heapUsedBytes\":"
                                + (30_000_000 + i * 200_000) + ",\"diskFreeBytes\":1000000000,\"cpuTempC\":null}"));
            }
            kiosk.publish("kiosk/v1/wuquan/wq-hall-02/status", ("{\"state\":\"offline\",\"kiosk\":\"wq-hall-02\","
                    + "\"time\":\"" + OffsetDateTime.now() + "\"}").getBytes(StandardCharsets.UTF_8), true);
            for (long s : new long[] {1, 2, 3, 7, 8}) {
                kiosk.publish("kiosk/v1/wuquan/wq-hall-02/events/rating.submitted", Envelopes.rating("wuquan", "wq-hall-02", s).json());
            }
            kiosk.publish("kiosk/v1/wuquan/wq-hall-02/events/printer.status",
                    Envelopes.json("wuquan", "wq-hall-02", 9, "p9", "printer.status", now, "{\"state\":\"paper_out\"}"));
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> api.json("/api/kiosks").path("kiosks").size() == 2
                && api.json("/api/kiosks/wuquan/wq-hall-01").path("lastSeq").asInt() == 48
                && api.json("/api/alarms?state=active").path("alarms").size() >= 3);
    }

    @AfterEach
    void stop() {
        if (centre != null) {
            centre.stop();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void signedInTheFleetOneKioskAndTheAlarmsShowAndAnAlarmIsAcknowledgedWithANote() throws Exception {
        ChromeDriver driver = chromium();
        try {
            driver.get(base + "/");
            assertThat(driver.getCurrentUrl()).endsWith("/login");
            shot(driver, "centre-login");
            driver.findElement(By.name("user")).sendKeys("ann");
            driver.findElement(By.name("password")).sendKeys("wrong password");
            driver.findElement(By.cssSelector("button[type=submit]")).click();
            // the click returns once the form is submitted, not when the refusal's page is there
            WebElement refusal = wait(driver).until(d -> d.findElements(By.cssSelector(".error")).stream().findFirst().orElse(null));
            assertThat(refusal.getText()).contains("用户名或密码错误");
            driver.findElement(By.name("user")).sendKeys("ann");
            driver.findElement(By.name("password")).sendKeys(PASSWORD);
            driver.findElement(By.cssSelector("button[type=submit]")).click();
            wait(driver).until(d -> d.findElements(By.cssSelector("#fleet tbody tr")).size() == 2);
            Cookie session = driver.manage().getCookieNamed("centre_session");
            assertThat(session.isHttpOnly()).isTrue();
            assertThat(session.getSameSite()).isEqualTo("Strict");
            String fleet = driver.findElement(By.id("fleet")).getText();
            assertThat(fleet).contains("在线", "online", "离线", "offline", "缺纸", "paper out");
            // the live refresh replaces the rows from /api/kiosks (the same words)
            wait(driver).until(d -> !d.findElement(By.id("updated")).getText().isEmpty());
            shot(driver, "centre-fleet");

            driver.findElement(By.linkText("wq-hall-01")).click();
            wait(driver).until(d -> d.findElements(By.cssSelector("#chart canvas")).size() > 0);
            assertThat(driver.findElement(By.tagName("main")).getText()).contains("完整性", "Completeness", "48");
            Thread.sleep(300);
            shot(driver, "centre-kiosk");

            driver.get(base + "/alarms");
            WebElement form = wait(driver).until(d -> d.findElements(By.cssSelector("form.ack")).stream().findFirst().orElse(null));
            String action = form.getAttribute("action");
            Object forged = driver.executeAsyncScript("var done = arguments[arguments.length - 1];"
                    + "fetch(arguments[0], {method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded'},"
                    + " body: 'note=forged'}).then(function (r) { done(r.status); });", action);
            assertThat(forged).isEqualTo(403L);
            form.findElement(By.name("note")).sendKeys("已通知值班人员 on-call notified");
            form.findElement(By.cssSelector("button")).click();
            wait(driver).until(d -> d.findElement(By.tagName("main")).getText().contains("已确认"));
            assertThat(driver.findElement(By.tagName("main")).getText()).contains("on-call notified");
            shot(driver, "centre-alarms");

            driver.findElement(By.cssSelector("header .logout button")).click();
            // a click submits the form and returns; the redirect to the login page follows
            wait(driver).until(d -> d.getCurrentUrl().endsWith("/login"));
            driver.get(base + "/alarms");
            assertThat(driver.getCurrentUrl()).endsWith("/login");
        } finally {
            driver.quit();
        }
    }

    @Test
    void signInAttemptsAreLimitedAndTheFormNeedsItsToken() throws Exception {
        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String token = loginToken(client);
        assertThat(login(client, "", "ann", PASSWORD)).isEqualTo(403);
        for (int i = 0; i < 5; i++) {
            assertThat(login(client, token, "ann", "guess " + i)).isEqualTo(401);
        }
        assertThat(login(client, token, "ann", PASSWORD)).isEqualTo(429);
    }

    @Test
    void anApiActionOnASessionNeedsTheSessionsCsrfHeader() throws Exception {
        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        assertThat(login(client, loginToken(client), "ann", PASSWORD)).isEqualTo(303);
        String csrf = csrfOf(client, "/alarms");
        String ack = "/api/alarms/" + api.json("/api/alarms?state=active").path("alarms").get(0).path("id").asLong() + "/ack";

        HttpResponse<String> forged = postJson(client, ack, null);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).isEqualTo("{\"error\":\"csrf\"}");
        assertThat(postJson(client, ack, csrf).statusCode()).isEqualTo(200);
    }

    @Test
    void aRefusalKeepsTheConnectionWhenTheBodyCameAndClosesItSayingSoWhenNot() throws Exception {
        String host = "127.0.0.1:" + centre.httpPort();
        String ack = RawHttp.post("/api/alarms/1/ack", host, "Content-Type: application/json\r\n", "{}");
        try (RawHttp raw = new RawHttp("127.0.0.1", centre.httpPort())) {
            assertThat(raw.exchange(ack).status()).as("not signed in").isEqualTo(401);
            assertThat(raw.lastHeader("Connection")).as("the whole request came: the connection goes on").isNull();
            assertThat(raw.exchange(RawHttp.get("/login", host, "")).status()).isEqualTo(200);
        }
        try (RawHttp raw = new RawHttp("127.0.0.1", centre.httpPort())) {
            raw.output().write(ack.substring(0, ack.length() - 2).getBytes(StandardCharsets.UTF_8));
            raw.output().flush();
            assertThat(raw.readAnswer().status()).as("refused on its headers").isEqualTo(401);
            assertThat(raw.lastHeader("Connection")).as("a client must not reuse it").isEqualTo("close");
            assertThat(raw.closedWithin(5_000)).isTrue();
        }
    }

    private HttpResponse<String> postJson(HttpClient client, String path, String csrf) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json");
        if (csrf != null) {
            request.header("X-CSRF-Token", csrf);
        }
        return client.send(request.POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String loginToken(HttpClient client) throws IOException, InterruptedException {
        return csrfOf(client, "/login");
    }

    /** The CSRF token in the page's form (the login form's, or a signed-in page's sign-out form). */
    private String csrfOf(HttpClient client, String path) throws IOException, InterruptedException {
        String page = client.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private int login(HttpClient client, String csrf, String user, String password) throws IOException, InterruptedException {
        String form = "csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8) + "&user=" + user + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return client.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private ChromeDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--hide-scrollbars", "--lang=zh-CN", "--user-data-dir=" + dir.resolve("chromium").toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 1400, "height", 900, "deviceScaleFactor", 1, "mobile", false));
        return driver;
    }

    private static WebDriverWait wait(ChromeDriver driver) {
        // the pages reload after a form and redraw live rows: an element found a moment ago may be gone
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10), Duration.ofMillis(50));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    private static void shot(ChromeDriver driver, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }
}

package org.openhall.centre.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openhall.centre.accounts.Accounts;
import org.openhall.centre.accounts.PasswordHasher;
import org.openhall.centre.accounts.Role;
import org.openhall.centre.testing.ReportsTestCentre;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The reports and cases pages in a real headless Chromium against a whole centre fed over MQTT: charts by day,
 * week and month, the heat map, drill-down from a window to its bad ratings, a case stepped from its page,
 * the weekly bulletin in print media. Screenshots in target/screenshots-centre (docs/screenshots/centre-*).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportsPagesIT {
    static final Path SHOTS = Path.of("target", "screenshots-centre");
    static final String RANGE = "from=2026-09-01&to=2026-09-30";
    Path dir;
    ReportsTestCentre centre;
    ChromeDriver driver;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("reports-pages-it");
        centre = new ReportsTestCentre(dir, Instant.parse("2026-10-01T02:00:00Z"));
        Random random = new Random(14);
        long[] seq = new long[2];
        for (int i = 0; i < 600; i++) {
            int k = random.nextInt(2);
            // September 2026 in opening hours (08:30-17:30 Shanghai), fewer ratings and more bad ones at lunchtime
            Instant at = Instant.parse("2026-09-01T00:30:00Z").plusSeconds(random.nextInt(30) * 86_400L + random.nextInt(9 * 3600));
            int hour = (int) ((at.getEpochSecond() / 3600 + 8) % 24);
            int score = random.nextInt(100) < (hour == 12 ? 30 : 6) ? 1 + random.nextInt(2) : 3 + random.nextInt(3);
            String window = String.valueOf(1 + random.nextInt(4));
            String reasons = score <= 2 ? "[\"waiting_time\"" + (random.nextBoolean() ? ",\"attitude\"" : "") + "]" : "[]";
            centre.publish("wuquan", "hall-" + k, ++seq[k], "rating.submitted", at, ReportsApiIT.rating(window,
                    score == 1 ? "very_dissatisfied" : score == 2 ? "dissatisfied" : "satisfied", score, "s" + random.nextInt(6),
                    reasons));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            ReportsTestCentre.Answer a = centre.get("/api/reports/ratings?by=month&" + RANGE, centre.viewer);
            return a.status() == 200 && ReportsApiIT.total(new ObjectMapper().readTree(a.body())) == 600;
        });
        centre.centre().reports().periodic().catchUp();
        try (var store = org.openhall.centre.app.Centre.openStore(new org.openhall.centre.config.CentreConfigLoader(Map.of())
                .load(dir.resolve("centre.toml")))) {
            new Accounts(store, new PasswordHasher(), centre.clock).addUser("wang", Role.VIEWER, "viewer-password".toCharArray());
        }
        System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--hide-scrollbars", "--user-data-dir=" + dir.resolve("chromium").toAbsolutePath());
        driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build(), options);
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 1280, "height", 1100, "deviceScaleFactor", 1, "mobile", false));
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    void stop() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        if (centre != null) {
            centre.close();
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    void signIn(String user, String password) {
        driver.manage().deleteAllCookies();
        driver.get(centre.base() + "/login");
        driver.findElement(By.name("user")).sendKeys(user);
        driver.findElement(By.name("password")).sendKeys(password);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        until(() -> !driver.getCurrentUrl().endsWith("/login"));
    }

    void until(java.util.function.BooleanSupplier condition) {
        new WebDriverWait(driver, Duration.ofSeconds(15), Duration.ofMillis(50)).until(d -> condition.getAsBoolean() ? true : null);
    }

    void ready() {
        until(() -> "yes".equals(driver.findElement(By.tagName("body")).getDomAttribute("data-ready")));
    }

    void shot(String name) throws Exception {
        Files.write(SHOTS.resolve("centre-" + name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    Object js(String script) {
        return driver.executeScript(script);
    }

    @Test
    void chartsByDayWeekAndMonthAndTheHeatMap() throws Exception {
        signIn("li", "secret-password");
        driver.get(centre.base() + "/reports?" + RANGE);
        ready();
        WebElement report = driver.findElement(By.id("report"));
        assertThat(report.getDomAttribute("data-trend")).isEqualTo("day:30");
        // the charts drew what the API holds: the day series sums to every rating, the heat map has weekday x hour cells
        assertThat(js("const o = echarts.getInstanceByDom(document.getElementById('trend')).getOption();"
                + "return o.series.slice(0, 5).reduce((s, x) => s + x.data.reduce((a, b) => a + (b || 0), 0), 0);"))
                .isEqualTo(600L);
        assertThat((Long) js("return echarts.getInstanceByDom(document.getElementById('heat')).getOption().series[0].data.length;"))
                .isBetween(40L, 70L);
        assertThat(driver.findElements(By.cssSelector("#windows tbody tr"))).hasSize(4); // windows 1-4 of site wuquan
        assertThat(driver.findElements(By.cssSelector("#periodic tbody tr"))).isNotEmpty();
        shot("reports-day");
        driver.findElement(By.cssSelector("button[data-by=week]")).click();
        until(() -> report.getDomAttribute("data-trend").startsWith("week:"));
        assertThat(report.getDomAttribute("data-trend")).isEqualTo("week:5"); // W36-W40 (Sept 1 is a Tuesday)
        shot("reports-week");
        driver.findElement(By.cssSelector("button[data-by=month]")).click();
        until(() -> report.getDomAttribute("data-trend").equals("month:1"));
        js("document.getElementById('heat').scrollIntoView()");
        shot("reports-heatmap");
    }

    @Test
    void aWindowDrillsDownToItsBadRatingsWithTheirReasons() throws Exception {
        signIn("li", "secret-password");
        driver.get(centre.base() + "/reports?" + RANGE);
        ready();
        WebElement link = driver.findElement(By.cssSelector("#windows tbody tr:first-child a"));
        String badCount = driver.findElement(By.cssSelector("#windows tbody tr:first-child td:nth-child(5)")).getText();
        link.click();
        until(() -> driver.getCurrentUrl().contains("/reports/window"));
        assertThat(driver.findElement(By.id("bad-count")).getText()).isEqualTo(badCount);
        List<WebElement> rows = driver.findElements(By.cssSelector("table.cases tbody tr"));
        assertThat(rows).hasSize(Integer.parseInt(badCount));
        assertThat(rows.getFirst().getText()).contains("等候时间长");
        shot("window-bad-ratings");
    }

    @Test
    void aSupervisorStepsACaseFromThePageAndAViewerSeesNoForms() throws Exception {
        signIn("li", "secret-password");
        driver.get(centre.base() + "/cases?state=open");
        ready();
        WebElement form = driver.findElement(By.cssSelector("form.step-form"));
        String id = form.getDomAttribute("data-case");
        new Select(form.findElement(By.name("step"))).selectByValue("close");
        form.findElement(By.cssSelector("button")).click();
        until(() -> !form.findElement(By.tagName("output")).getText().isEmpty());
        assertThat(form.findElement(By.tagName("output")).getText()).contains("顺序不对");
        new Select(form.findElement(By.name("step"))).selectByValue("verify");
        form.findElement(By.name("note")).sendKeys("已调取录像核实");
        form.findElement(By.cssSelector("button")).click();
        until(() -> {
            try {
                return driver.findElement(By.cssSelector("tr[data-case='" + id + "'] td.case-state")).getText().equals("verified");
            } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException e) {
                return false;
            }
        });
        assertThat(driver.findElement(By.cssSelector("tr[data-case='" + id + "']")).getText()).contains("已调取录像核实", "li");
        shot("cases");

        signIn("wang", "viewer-password");
        driver.get(centre.base() + "/cases?state=open");
        ready();
        assertThat(driver.findElements(By.cssSelector("form.step-form"))).isEmpty();
    }

    @Test
    void theWeeklyBulletinPrintsWithoutTheScreenChrome() throws Exception {
        signIn("li", "secret-password");
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        try {
            driver.get(centre.base() + "/api/reports/files/weekly-2026-W39.html");
            assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("周通报 Weekly bulletin 2026-W39");
            assertThat(driver.findElements(By.cssSelector("table"))).hasSizeGreaterThan(3);
            shot("weekly-bulletin-print");
            driver.get(centre.base() + "/reports?" + RANGE);
            ready();
            assertThat(driver.findElement(By.tagName("header")).isDisplayed()).isFalse();
            assertThat(driver.findElement(By.cssSelector("form.filters")).isDisplayed()).isFalse();
        } finally {
            driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        }
    }
}

package org.openhall.kiosk.terminal;

import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Debian Chromium driven by the Debian chromedriver; both paths are given so Selenium Manager
 * never looks for (or downloads) anything. The viewport is set exactly through the DevTools protocol, so a
 * screenshot is the panel's size in CSS pixels at device scale 1.
 */
final class Browser implements AutoCloseable {
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    enum Orientation {
        PORTRAIT(1080, 1920), LANDSCAPE(1920, 1080);

        final int width;
        final int height;

        Orientation(int width, int height) {
            this.width = width;
            this.height = height;
        }
    }

    private final ChromeDriver driver;
    private Orientation orientation = Orientation.PORTRAIT;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    static Browser start(Path profileDir, String... extraArguments) {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--hide-scrollbars", "--user-data-dir=" + profileDir.toAbsolutePath());
        options.addArguments(extraArguments);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        Browser browser = new Browser(new ChromeDriver(service, options));
        browser.orient(Orientation.PORTRAIT);
        return browser;
    }

    void orient(Orientation o) {
        orientation = o;
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", o.width, "height", o.height, "deviceScaleFactor", 1, "mobile", false));
    }

    Orientation orientation() {
        return orientation;
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** The element once it is displayed (and, for buttons, enabled). */
    WebElement await(String css) {
        return until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return found.stream().filter(e -> e.isDisplayed() && e.isEnabled()).findFirst().orElse(null);
        });
    }

    /** Waits until the screen with this id is the visible one. */
    void awaitScreen(String id) {
        until(d -> d.findElement(By.id(id)).isDisplayed() ? Boolean.TRUE : null);
    }

    <T> T until(Function<WebDriver, T> condition) {
        // live pages redraw: an element found a moment ago may be replaced before it is read
        return new WebDriverWait(driver, Duration.ofSeconds(10), Duration.ofMillis(20))
                .ignoring(StaleElementReferenceException.class).until(condition::apply);
    }

    Object script(String js, Object... args) {
        return driver.executeScript(js, args);
    }

    /**
     * Saves the viewport as {@code target/screenshots/<name>-<orientation>.png} at full size, and a copy at
     * half size under {@code target/screenshots/half/} small enough to check in as {@code docs/screenshots}.
     */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS.resolve("half"));
            String file = name + "-" + orientation.name().toLowerCase() + ".png";
            byte[] png = driver.getScreenshotAs(OutputType.BYTES);
            Files.write(SCREENSHOTS.resolve(file), png);
            ImageIO.write(half(ImageIO.read(new ByteArrayInputStream(png))), "png", SCREENSHOTS.resolve("half").resolve(file).toFile());
            return SCREENSHOTS.resolve(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BufferedImage half(BufferedImage full) {
        BufferedImage small = new BufferedImage(full.getWidth() / 2, full.getHeight() / 2, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = small.createGraphics();
        g.drawImage(full.getScaledInstance(small.getWidth(), small.getHeight(), Image.SCALE_AREA_AVERAGING), 0, 0, null);
        g.dispose();
        return small;
    }

    @Override
    public void close() {
        driver.quit();
    }
}

package org.openhall.kiosk.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhall.kiosk.parcels.SerialScans;
import org.openhall.kiosk.parcels.Worker;
import org.openhall.kiosk.scanner.ScannerReader;
import org.openhall.kiosk.testing.Http;
import org.openhall.kiosk.testing.LogCapture;
import org.openhall.kiosk.testing.PtyPair;
import org.openhall.kiosk.testing.TestKiosk;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * A serial barcode scanner on a real pseudo-terminal (socat) at window 3 of a whole kiosk: a code written into
 * the far end, ended by CR LF, lands in the window's open hand-over; refusals record nothing and reach the page;
 * socat killed (an unplug) leaves the daemon healthy, and the scanner works again once it is back.
 */
class SerialScannerIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private PtyPair pty;
    private FileChannel far;
    private TestKiosk kiosk;
    private ClerkClient clerk;
    private final BlockingQueue<JsonNode> scans = new LinkedBlockingQueue<>();

    private Path scannerLink() {
        return dir.resolve("ttyScanner");
    }

    private Path farLink() {
        return dir.resolve("ttyFar");
    }

    @BeforeEach
    void start() throws Exception {
        pty = PtyPair.start(scannerLink(), farLink());
        far = FileChannel.open(farLink(), StandardOpenOption.WRITE);
        String windows = ParcelRoutesIT.windows(dir).replaceFirst("(token_file = \"[^\"]*w3.token\")",
                "$1\nscanner = \"" + scannerLink() + "\"");
        kiosk = TestKiosk.start("scanner-01", dir.resolve("data"), "tcp://127.0.0.1:1", TestKiosk.TWO_CATEGORIES + windows);
        kiosk.kiosk().parcels().replaceWorkers(List.of(new Worker("W01", "李四")));
        clerk = new ClerkClient(kiosk.kiosk().httpPort(), ParcelRoutesIT.TOKEN_3);
    }

    @AfterEach
    void stop() throws IOException {
        kiosk.close();
        if (far.isOpen()) {
            far.close();
        }
        pty.close();
    }

    private void type(String text) throws IOException {
        far.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
    }

    private String register(String matter) {
        Http.Answer a = clerk.post("/api/parcels", ParcelRoutesIT.PARCEL.replace("户籍证明", matter));
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return a.json().get("parcelId").asText();
    }

    private String startHandover() {
        return clerk.post("/api/handovers", "{\"worker\":\"W01\"}").json().get("handoverId").asText();
    }

    private List<String> listed(String handoverId) {
        return clerk.get("/api/handovers/" + handoverId).json().get("parcels").findValuesAsText("parcelId");
    }

    private long depth() {
        return kiosk.http().get("/api/health").json().get("outboxDepth").asLong();
    }

    /** Keeps the data of each {@code event: scan} of the kiosk's event stream. */
    private void listen() throws Exception {
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + kiosk.kiosk().httpPort() + "/api/events")).build(),
                HttpResponse.BodyHandlers.ofLines());
        Thread.ofVirtual().start(() -> {
            String[] event = {""};
            try (Stream<String> lines = response.body()) {
                lines.forEach(line -> {
                if (line.startsWith("event: ")) {
                    event[0] = line.substring(7);
                } else if (line.startsWith("data: ") && event[0].equals("scan")) {
                    try {
                        scans.add(JSON.readTree(line.substring(6)));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
                });
            } catch (java.io.UncheckedIOException closed) {
                // the kiosk stopped at the end of the test
            }
        });
    }

    private JsonNode nextScan() throws InterruptedException {
        JsonNode scan = scans.poll(5, TimeUnit.SECONDS);
        assertThat(scan).as("an event: scan within 5 s").isNotNull();
        return scan;
    }

    @Test
    void aScannedCodeJoinsTheWindowsOpenHandOverAndRefusalsRecordNothing() throws Exception {
        listen();
        String a = register("户籍证明");
        String b = register("不动产登记");
        try (LogCapture log = new LogCapture(SerialScans.class)) {
            type(a + "\r\n");
            assertThat(nextScan().get("error").asText()).isEqualTo("unknown_handover"); // none open yet
            String handover = startHandover();
            long before = depth();

            type(a + "\r\n");
            await().atMost(Duration.ofSeconds(5)).until(() -> listed(handover).equals(List.of(a)));
            JsonNode added = nextScan();
            assertThat(added.get("window").asText()).isEqualTo("3");
            assertThat(added.get("handoverId").asText()).isEqualTo(handover);
            assertThat(added.has("error")).isFalse();

            type("\r\n0b6f2f38-3c5e-4a8e-9f62-2d1f7c9a4b10\r\n");
            assertThat(nextScan().get("error").asText()).isEqualTo("unknown_parcel");
            type(a.toUpperCase() + "\n");
            assertThat(nextScan().get("error").asText()).isEqualTo("already_scanned");
            type("x".repeat(300) + "\r\n");
            assertThat(nextScan().get("error").asText()).isEqualTo("invalid_argument");
            assertThat(listed(handover)).containsExactly(a);
            assertThat(depth()).isEqualTo(before);

            // a keyboard scan and a serial scan fill the same list
            type(b + "\r");
            await().atMost(Duration.ofSeconds(5)).until(() -> listed(handover).equals(List.of(a, b)));
            assertThat(clerk.post("/api/handovers/" + handover + "/confirm", "{}").json().get("state").asText())
                    .isEqualTo("confirmed");
            scans.clear();

            String next = startHandover();
            type(b + "\r\n");
            assertThat(nextScan().get("error").asText()).isEqualTo("already_handed_over");
            assertThat(listed(next)).isEmpty();
            assertThat(log.lines()).noneMatch(l -> l.contains(a) || l.contains(b) || l.contains("0b6f2f38") || l.contains("朱"));
        }
    }

    @Test
    void aScannerThatVanishesLeavesTheDaemonHealthyAndWorksAgainWhenBack() throws Exception {
        String a = register("户籍证明");
        String b = register("不动产登记");
        String c = register("社保卡");
        String handover = startHandover();
        type(a + "\r\n");
        await().atMost(Duration.ofSeconds(5)).until(() -> listed(handover).equals(List.of(a)));
        try (LogCapture log = new LogCapture(ScannerReader.class)) {
            far.close();
            pty.close(); // the scanner is unplugged
            await().atMost(Duration.ofSeconds(5)).until(() -> log.count("lost") == 1);
            Thread.sleep(3_000); // tries to open it again meanwhile
            assertThat(kiosk.kiosk().healthy()).isTrue();
            assertThat(kiosk.http().get("/api/health").status()).isEqualTo(200);
            assertThat(clerk.post("/api/handovers/" + handover + "/scans", "{\"code\":\"" + b + "\"}").status()).isEqualTo(200);
            assertThat(log.lines().stream().filter(l -> l.startsWith("WARN"))).hasSize(1);

            pty = PtyPair.start(scannerLink(), farLink()); // plugged in again
            far = FileChannel.open(farLink(), StandardOpenOption.WRITE);
            await().atMost(Duration.ofSeconds(15)).until(() -> log.count(" open") == 1);
            type(c + "\r\n");
            await().atMost(Duration.ofSeconds(5)).until(() -> listed(handover).equals(List.of(a, b, c)));
            assertThat(kiosk.kiosk().healthy()).isTrue();
        }
    }

    @Test
    void theHandOverPageShowsASerialScanAndItsRefusals() throws Exception {
        String a = register("户籍证明");
        try (Browser browser = Browser.start(dir.resolve("chromium"))) {
            browser.open("http://127.0.0.1:" + kiosk.kiosk().httpPort() + "/parcels?window=3");
            browser.await("#token").sendKeys(ParcelRoutesIT.TOKEN_3 + Keys.ENTER);
            browser.await("#worker-select");
            browser.until(d -> browser.all("#worker-select option").size() == 2 ? Boolean.TRUE : null);
            new Select(browser.find("#worker-select")).selectByValue("W01");
            browser.find("#start-button").click();
            browser.await("#scan");
            awaitMessage(browser, "ok", "请扫描包裹");

            type(a + "\r\n");
            browser.until(d -> browser.all("#scanned tbody tr").size() == 1 ? Boolean.TRUE : null);
            awaitMessage(browser, "ok", "串口扫码枪");
            type(a + "\r\n");
            awaitMessage(browser, "error", "已在清单中");
            type("P20990101001\r\n");
            awaitMessage(browser, "error", "未知包裹码");
            assertThat(browser.all("#scanned tbody tr")).hasSize(1);
        }
    }

    private static void awaitMessage(Browser browser, String kind, String text) {
        browser.until(d -> {
            WebElement m = d.findElement(org.openqa.selenium.By.id("message"));
            return m.getAttribute("class").contains(kind) && m.getText().contains(text) ? Boolean.TRUE : null;
        });
    }
}

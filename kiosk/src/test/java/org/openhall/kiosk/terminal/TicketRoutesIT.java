package org.openhall.kiosk.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhall.kiosk.app.Kiosk;
import org.openhall.kiosk.config.KioskConfig;
import org.openhall.kiosk.testing.Http;
import org.openhall.kiosk.testing.TestKiosk;

/** The ticket routes on a whole kiosk under --simulate (the printer is DATA_DIR/sim-printer.bin), no broker needed. */
class TicketRoutesIT {
    private static final String NO_BROKER = "tcp://127.0.0.1:1";
    private static final String CATEGORIES = TestKiosk.TWO_CATEGORIES;

    @TempDir
    Path tmp;

    @Test
    void badRequestsAreRefusedClearlyAndChangeNothing() {
        try (TestKiosk k = TestKiosk.start("routes-01", tmp.resolve("d"), NO_BROKER, CATEGORIES)) {
            Http http = k.http();
            assertThat(http.post("/api/tickets", "not json")).isEqualTo(new Http.Answer(400, "{\"error\":\"invalid_argument\"}"));
            assertThat(http.post("/api/tickets", "[1]").json().get("error").asText()).isEqualTo("invalid_argument");
            assertThat(http.post("/api/tickets", "{\"category\":\"Z\"}")).isEqualTo(new Http.Answer(400, "{\"error\":\"unknown_category\"}"));
            assertThat(http.post("/api/tickets", "{}").json().get("error").asText()).isEqualTo("unknown_category");
            assertThat(http.post("/api/tickets", "{\"category\":\"A\",\"priority\":\"yes\"}").json().get("error").asText())
                    .isEqualTo("invalid_argument");
            assertThat(http.get("/api/tickets").status()).isEqualTo(405);
            assertThat(k.kiosk().tickets().ticketsToday()).isZero();
        }
    }

    @Test
    void ticketsGoToTheSimulatedPrinterFileAndARestartKeepsTheNumbers() throws Exception {
        Path data = tmp.resolve("d");
        try (TestKiosk k = TestKiosk.start("routes-01", data, NO_BROKER, CATEGORIES)) {
            assertThat(k.http().post("/api/tickets", "{\"category\":\"A\"}").json().get("number").asText()).isEqualTo("A001");
            Http.Answer priority = k.http().post("/api/tickets", "{\"category\":\"A\",\"priority\":true}");
            assertThat(priority.status()).isEqualTo(201);
            assertThat(priority.json().get("priority").asBoolean()).isTrue();
            assertThat(priority.json().get("ahead").asInt()).isZero();
            assertThat(k.http().get("/api/health").json().get("printer").asText()).isEqualTo("ok");
        }
        long printedBytes = Files.size(data.resolve("sim-printer.bin"));
        assertThat(new String(Files.readAllBytes(data.resolve("sim-printer.bin")), "GB18030")).contains("A001", "A002", "综合受理");

        try (TestKiosk k = TestKiosk.start("routes-01", data, NO_BROKER, CATEGORIES)) {
            Http.Answer third = k.http().post("/api/tickets", "{\"category\":\"A\"}");
            assertThat(third.json().get("number").asText()).isEqualTo("A003");
            assertThat(third.json().get("ahead").asInt()).isEqualTo(2);
            assertThat(k.http().get("/api/queue").json().toString()).isEqualTo("{\"categories\":["
                    + "{\"code\":\"A\",\"name\":\"综合受理\",\"nameEn\":\"General affairs\",\"waiting\":3},"
                    + "{\"code\":\"B\",\"name\":\"社保医保\",\"nameEn\":\"Social insurance\",\"waiting\":0}]}");
        }
        assertThat(Files.size(data.resolve("sim-printer.bin"))).isGreaterThan(printedBytes);
    }

    @Test
    void aCategoryButtonPressIssuesExactlyOneTicketDespiteContactBounce() {
        String buttons = CATEGORIES + """
                [[ticket_buttons]]
                category = "B"
                pin = 17
                """;
        try (TestKiosk k = TestKiosk.start("buttons-01", tmp.resolve("b"), NO_BROKER, buttons)) {
            assertThat(k.http().post("/api/sim/press?pin=17&ms=80&bounces=4", "").status()).isEqualTo(200);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> k.kiosk().tickets().ticketsToday() == 1);
            assertThat(k.http().get("/api/queue").json().get("categories").get(1).get("waiting").asInt()).isEqualTo(1);
            // a second press long after the first gives the next number
            sleep(1_700);
            assertThat(k.http().post("/api/sim/press?pin=17&ms=80&bounces=0", "").status()).isEqualTo(200);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> k.kiosk().tickets().ticketsToday() == 2);
            sleep(300);
            assertThat(k.kiosk().tickets().ticketsToday()).isEqualTo(2);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void withoutAPrinterOutsideSimulationTicketsAreIssuedUnprintedAndHealthSaysNone() throws Exception {
        KioskConfig config = TestKiosk.config(TestKiosk.baseToml("noprint-01", tmp.resolve("n"), NO_BROKER) + CATEGORIES);
        Kiosk kiosk = new Kiosk(config, false, Clock.system(ZoneId.of("Asia/Shanghai")), "test", Map.of());
        kiosk.start();
        try {
            Http http = new Http(kiosk.httpPort());
            Http.Answer answer = http.post("/api/tickets", "{\"category\":\"B\"}");
            assertThat(answer.status()).isEqualTo(201);
            assertThat(answer.json().get("number").asText()).isEqualTo("B001");
            assertThat(answer.json().get("printed").asBoolean()).isFalse();
            assertThat(http.get("/api/health").json().get("printer").asText()).isEqualTo("none");
            assertThat(tmp.resolve("n").resolve("sim-printer.bin")).doesNotExist();
        } finally {
            kiosk.stop();
        }
    }
}

package org.openhall.kiosk.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhall.kiosk.config.KioskConfig;
import org.openhall.kiosk.printer.EscPosEncoder;
import org.openhall.kiosk.testing.Http;
import org.openhall.kiosk.testing.Mosquitto;
import org.openhall.kiosk.testing.MqttProbe;
import org.openhall.kiosk.testing.PrinterEmulator;
import org.openhall.kiosk.testing.PtyPair;
import org.openhall.kiosk.testing.TestClock;
import org.openhall.kiosk.testing.TestKiosk;

/**
 * The whole path with real parts: POST /api/tickets on a kiosk in this JVM, the real serial adapter on a
 * socat pty pair, an emulated ESC/POS printer at the far end, and a real mosquitto as the centre.
 */
class TicketPrintingIT {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final String POST_A = "{\"category\":\"A\",\"priority\":false}";

    @TempDir
    Path tmp;
    private Mosquitto broker;
    private MqttProbe centre;
    private PtyPair pair;
    private PrinterEmulator printer;
    private TestKiosk kiosk;
    private TestClock clock;

    @BeforeEach
    void start() {
        broker = Mosquitto.start(tmp.resolve("broker"));
        plugIn();
        // a ticking clock set to the start of a minute, so the time printed on a ticket is known
        clock = TestClock.ticking(Instant.parse("2026-03-08T01:15:00Z"), SHANGHAI);
        KioskConfig config = TestKiosk.config(TestKiosk.baseToml("print-01", tmp.resolve("data"), broker.url()) + """
                [printer]
                port = "%s"
                encoding = "GB18030"
                qr = "https://hall.example/t/{site}/{ticketId}"
                footer = "请留意叫号 Please wait for your number"
                """.formatted(printerLink()) + QueueFixture.CATEGORIES);
        centre = new MqttProbe(broker.url(), "kiosk/v1/test/print-01/events/#");
        kiosk = TestKiosk.start(config, clock);
    }

    private Path printerLink() {
        return tmp.resolve("usb-printer-if00");
    }

    private void plugIn() {
        pair = PtyPair.start(printerLink(), null);
        printer = PrinterEmulator.open(pair.far());
    }

    private void unplug() {
        printer.close();
        pair.close();
    }

    @AfterEach
    void stop() {
        if (kiosk != null) {
            kiosk.close();
        }
        centre.close();
        unplug();
        broker.close();
    }

    private Http http() {
        return kiosk.http();
    }

    /** The bytes the printer must get for the ticket an HTTP answer describes. */
    private byte[] expectedBytes(JsonNode data) {
        KioskConfig c = kiosk.kiosk().config();
        IssuedTicket t = new IssuedTicket(data.get("ticketId").asText(), data.get("number").asText(),
                data.get("category").asText(), data.get("categoryName").asText(),
                kiosk.kiosk().tickets().category(data.get("category").asText()).orElseThrow().nameEn(),
                data.get("priority").asBoolean(), data.get("ahead").asInt(),
                data.get("waitMinutes").isNull() ? null : data.get("waitMinutes").asInt(),
                LocalDate.parse(data.get("serviceDay").asText()), data.get("channel").asText(), true,
                OffsetDateTime.ofInstant(clock.instant(), SHANGHAI));
        return EscPosEncoder.forEncoding(c.printer().encoding())
                .encode(new TicketLayout(c.printer(), c.kiosk().site(), c.kiosk().id()).ticket(t, false));
    }

    @Test
    void aTicketTakenOnThePageArrivesByteExactAtThePrinterAndAsAnEventAtTheCentre() {
        Http.Answer answer = http().post("/api/tickets", POST_A);

        assertThat(answer.status()).isEqualTo(201);
        JsonNode data = answer.json();
        assertThat(data.get("number").asText()).isEqualTo("A001");
        assertThat(data.get("printed").asBoolean()).isTrue();
        byte[] expected = expectedBytes(data);
        assertThat(HexFormat.of().formatHex(printer.awaitPrinted(expected.length, Duration.ofSeconds(5))))
                .isEqualTo(HexFormat.of().formatHex(expected));
        JsonNode event = centre.awaitEvent("ticket.issued", e -> true, Duration.ofSeconds(15));
        assertThat(event.get("data")).isEqualTo(data);
        assertThat(centre.awaitEvent("printer.status", e -> true, Duration.ofSeconds(5)).get("data").get("state").asText())
                .isEqualTo("ok");
        assertThat(http().get("/api/queue").json().get("categories").get(0).get("waiting").asInt()).isEqualTo(1);
        assertThat(http().get("/api/health").json().get("printer").asText()).isEqualTo("ok");
    }

    @Test
    void anEmptyRollIsReportedByThePollAndRefusedWithoutUsingANumber() {
        JsonNode first = http().post("/api/tickets", POST_A).json();
        assertThat(first.get("number").asText()).isEqualTo("A001");
        // the answer can come before the emulator has read the last of the ticket from the pty
        int printedBefore = printer.awaitPrinted(expectedBytes(first).length, Duration.ofSeconds(5)).length;

        printer.paper(PrinterEmulator.Paper.OUT);
        centre.awaitEvent("printer.status", e -> e.get("data").get("state").asText().equals("paper_out"),
                Duration.ofSeconds(15)); // noticed by the idle poll, before any resident asks

        Http.Answer refused = http().post("/api/tickets", POST_A);
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.json().get("error").asText()).isEqualTo("printer_paper_out");
        assertThat(http().get("/api/health").json().get("printer").asText()).isEqualTo("paper_out");

        printer.paper(PrinterEmulator.Paper.OK);
        printer.coverOpen(true);
        assertThat(http().post("/api/tickets", POST_A).json().get("error").asText()).isEqualTo("printer_cover_open");
        printer.coverOpen(false);
        printer.silent(true);
        assertThat(http().post("/api/tickets", POST_A).json().get("error").asText()).isEqualTo("printer_offline");
        printer.silent(false);
        assertThat(printer.printed().length).as("no ticket bytes while refused").isEqualTo(printedBefore);

        printer.paper(PrinterEmulator.Paper.NEAR_END);
        Http.Answer next = http().post("/api/tickets", POST_A);
        assertThat(next.status()).isEqualTo(201);
        assertThat(next.json().get("number").asText()).as("no number was used up by the refusals").isEqualTo("A002");
        assertThat(next.json().get("printed").asBoolean()).isTrue();
        centre.awaitEvent("printer.status", e -> e.get("data").get("state").asText().equals("paper_near_end"),
                Duration.ofSeconds(15));
        Awaitility.await().atMost(Duration.ofSeconds(15))
                .until(() -> centre.events("ticket.issued").size() == 2);
        assertThat(centre.events("ticket.issued")).extracting(e -> e.get("data").get("number").asText())
                .containsExactly("A001", "A002");
    }

    @Test
    void anUnpluggedPrinterIsOfflineUntilReplugged_thenNumberingContinues() {
        assertThat(http().post("/api/tickets", POST_A).json().get("number").asText()).isEqualTo("A001");

        unplug();
        Http.Answer refused = http().post("/api/tickets", POST_A);
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.json().get("error").asText()).isEqualTo("printer_offline");
        centre.awaitEvent("printer.status", e -> e.get("data").get("state").asText().equals("offline"),
                Duration.ofSeconds(15));

        plugIn(); // new /dev/pts number, same by-id style link
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> http().get("/api/health").json().get("printer").asText().equals("ok"));
        Http.Answer next = http().post("/api/tickets", POST_A);
        assertThat(next.status()).isEqualTo(201);
        assertThat(next.json().get("number").asText()).isEqualTo("A002");
        byte[] expected = expectedBytes(next.json());
        assertThat(HexFormat.of().formatHex(printer.awaitPrinted(expected.length, Duration.ofSeconds(5))))
                .isEqualTo(HexFormat.of().formatHex(expected));
    }

    @Test
    void measureRequestToLastByteAtThePrinter() {
        List<Long> micros = new ArrayList<>();
        int total = 0;
        for (int i = 0; i < 21; i++) {
            long start = System.nanoTime();
            Http.Answer answer = http().post("/api/tickets", POST_A);
            assertThat(answer.status()).isEqualTo(201);
            total += expectedBytes(answer.json()).length;
            printer.awaitPrinted(total, Duration.ofSeconds(5));
            if (i > 0) { // the first request warms up the JIT and the HTTP client
                micros.add((printer.lastByteNanos() - start) / 1_000);
            }
        }
        List<Long> sorted = micros.stream().sorted().toList();
        System.out.printf("POST /api/tickets -> last byte at the printer, 20 tickets: median %.1f ms, min %.1f ms, max %.1f ms%n",
                sorted.get(9) / 1000.0 / 2 + sorted.get(10) / 1000.0 / 2, sorted.getFirst() / 1000.0, sorted.getLast() / 1000.0);
        assertThat(printer.printed()).hasSize(total);
    }
}

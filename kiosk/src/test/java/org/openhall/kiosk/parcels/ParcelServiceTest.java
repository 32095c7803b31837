package org.openhall.kiosk.parcels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhall.kiosk.printer.FilePrinterLink;
import org.openhall.kiosk.printer.Printer;
import org.openhall.kiosk.testing.TestClock;

class ParcelServiceTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** 2026-03-08 09:00 in Shanghai. */
    private static final Instant MORNING = Instant.parse("2026-03-08T01:00:00Z");
    private static final Charset GB18030 = Charset.forName("GB18030");
    private static final List<Worker> WORKERS = List.of(new Worker("W01", "李四"), new Worker("W02", "王五"));

    @TempDir
    Path dir;
    private TestClock clock;
    private Path paper;

    @BeforeEach
    void setUp() {
        clock = TestClock.fixed(MORNING, SHANGHAI);
        paper = dir.resolve("paper.bin");
    }

    private ParcelFixture open() {
        return open(new Printer(FilePrinterLink.file(paper), true));
    }

    private ParcelFixture open(Printer printer) {
        return new ParcelFixture(dir, clock, printer);
    }

    private static Parcel register(ParcelFixture f) {
        return f.parcels.register(ParcelInputTest.valid(), "3");
    }

    private String printed() throws Exception {
        return Files.exists(paper) ? new String(Files.readAllBytes(paper), GB18030) : "";
    }

    @Test
    void numbersArePPlusTheServiceDayPlusThreeDigitsGaplessPerDay() {
        try (ParcelFixture f = open()) {
            assertThat(register(f).number()).isEqualTo("P20260308001");
            assertThat(register(f).number()).isEqualTo("P20260308002");
            clock.set(Instant.parse("2026-03-08T16:00:00Z")); // midnight in Shanghai
            assertThat(register(f).number()).isEqualTo("P20260309001");
        }
        assertThat(Parcel.number(java.time.LocalDate.of(2026, 3, 8), 1000)).isEqualTo("P202603081000");
    }

    @Test
    void numbersNeverRepeatAcrossARestartOrAClockThatJumpsBack() {
        try (ParcelFixture f = open()) {
            clock.set(Instant.parse("2026-03-09T01:00:00Z"));
            assertThat(register(f).number()).isEqualTo("P20260309001");
        }
        clock.set(MORNING); // a Pi booting without its RTC, a day behind
        try (ParcelFixture f = open()) {
            assertThat(register(f).number()).isEqualTo("P20260309002");
        }
    }

    @Test
    void theRegisteredEventCarriesTheMaskedViewAndThePersonalFieldsApart() {
        try (ParcelFixture f = open()) {
            Parcel p = register(f);
            JsonNode data = f.events("parcel.registered").getFirst();
            assertThat(data.get("parcelId").asText()).isEqualTo(p.parcelId());
            assertThat(data.get("number").asText()).isEqualTo("P20260308001");
            assertThat(data.get("matter").asText()).isEqualTo("户籍证明");
            assertThat(data.get("residentName").asText()).isEqualTo("朱*荣");
            assertThat(data.get("phone").asText()).isEqualTo("138****1234");
            assertThat(data.get("serviceDay").asText()).isEqualTo("2026-03-08");
            assertThat(data.get("window").asText()).isEqualTo("3");
            assertThat(data.get("printed").asBoolean()).isTrue();
            JsonNode personal = data.get("personal");
            assertThat(personal.get("residentName").asText()).isEqualTo("朱晓荣");
            assertThat(personal.get("phone").asText()).isEqualTo("13812341234");
            assertThat(personal.get("address").asText()).isEqualTo("武泉街道幸福小区3栋2单元501");
            assertThat(personal.get("note").asText()).isEqualTo("下午送");
            assertThat(p.view().toString()).doesNotContain("朱晓荣", "13812341234", "幸福小区");
        }
    }

    @Test
    void theLabelShowsTheNumberTheMatterTheQrOfTheIdAndOnlyMaskedPersonalData() throws Exception {
        try (ParcelFixture f = open()) {
            Parcel p = register(f);
            assertThat(p.printed()).isTrue();
            String label = printed();
            assertThat(label).contains("P20260308001", "户籍证明", p.parcelId(), "朱*荣", "138****1234")
                    .doesNotContain("朱晓荣", "13812341234", "幸福小区", "下午送");
        }
    }

    @Test
    void onceDeliveredTheKioskKeepsNoneOfTheResidentsPersonalData() throws Exception {
        try (ParcelFixture f = open()) {
            register(f);
            f.deliverAll();
        }
        List<String> everything = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("kiosk.db"));
                Statement s = c.createStatement();
                ResultSet tables = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            List<String> names = new ArrayList<>();
            while (tables.next()) {
                names.add(tables.getString(1));
            }
            for (String table : names) {
                try (Statement q = c.createStatement(); ResultSet rs = q.executeQuery("SELECT * FROM " + table)) {
                    while (rs.next()) {
                        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                            Object v = rs.getObject(i);
                            everything.add(v instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : String.valueOf(v));
                        }
                    }
                }
            }
        }
        assertThat(String.join("|", everything)).contains("朱*荣").doesNotContain("朱晓荣", "13812341234", "幸福小区", "下午送");
    }

    @Test
    void aPrinterThatCannotPrintRefusesTheParcelAndUsesNoNumber() {
        try (ParcelFixture f = open(new Printer(FilePrinterLink.device(dir.resolve("no-such-device")), true))) {
            assertThatThrownBy(() -> register(f)).isInstanceOf(ParcelRefusedException.class)
                    .extracting(e -> ((ParcelRefusedException) e).code()).isEqualTo("printer_offline");
            assertThat(f.pending()).isEmpty();
            assertThat(f.parcels.waiting(10)).isEmpty();
        }
        try (ParcelFixture f = open()) {
            assertThat(register(f).number()).isEqualTo("P20260308001");
        }
    }

    @Test
    void aLabelThatFailsAfterTheCommitLeavesTheParcelUnprintedWithAnAlert() {
        try (ParcelFixture f = open(new Printer(FilePrinterLink.device(Path.of("/dev/full")), true))) {
            Parcel p = register(f);
            assertThat(p.printed()).isFalse();
            assertThat(f.events("parcel.registered")).hasSize(1);
            assertThat(f.events("alert").getFirst().get("message").asText()).contains(p.number()).doesNotContain("朱晓荣");
        }
    }

    @Test
    void workersPersistAcrossARestart() {
        try (ParcelFixture f = open()) {
            f.parcels.replaceWorkers(WORKERS);
        }
        try (ParcelFixture f = open()) {
            assertThat(f.parcels.workers()).containsExactlyElementsOf(WORKERS);
        }
    }

    @Test
    void aDuplicateWorkerIdIsRefusedAndTheListStays() {
        try (ParcelFixture f = open()) {
            f.parcels.replaceWorkers(WORKERS);
            assertThatThrownBy(() -> f.parcels.replaceWorkers(List.of(new Worker("W9", "a"), new Worker("W9", "b"))))
                    .isInstanceOf(ParcelRefusedException.class);
            assertThat(f.parcels.workers()).containsExactlyElementsOf(WORKERS);
        }
    }

    @Test
    void aHandOverRecordsOneEventPerParcelAndPrintsTheReceipt() throws Exception {
        try (ParcelFixture f = open()) {
            f.parcels.replaceWorkers(WORKERS);
            Parcel a = register(f);
            Parcel b = register(f);
            Handover h = f.parcels.startHandover("3", "W01");
            f.parcels.scan("3", h.handoverId(), a.parcelId());
            f.parcels.scan("3", h.handoverId(), " " + b.number() + " "); // typed from the label
            Handover done = f.parcels.confirm("3", h.handoverId());

            assertThat(done.printed()).isTrue();
            assertThat(done.parcels()).extracting(Parcel::number).containsExactly("P20260308001", "P20260308002");
            List<JsonNode> events = f.events("parcel.handed_over");
            assertThat(events).hasSize(2);
            assertThat(events).allSatisfy(e -> {
                assertThat(e.get("handoverId").asText()).isEqualTo(h.handoverId());
                assertThat(e.get("worker").asText()).isEqualTo("W01");
                assertThat(e.get("workerName").asText()).isEqualTo("李四");
                assertThat(e.get("parcels").asInt()).isEqualTo(2);
            });
            assertThat(events).extracting(e -> e.get("parcelId").asText()).containsExactly(a.parcelId(), b.parcelId());
            assertThat(printed()).contains("政务包裹交接回执单", "李四 (W01)", "P20260308001  户籍证明",
                    "P20260308002  户籍证明", "网格员签字", "大厅签字", "2026-03-08 09:00");
            assertThat(f.parcels.waiting(10)).isEmpty();
        }
    }

    private static void refusedWith(String code, Runnable r) {
        assertThatThrownBy(r::run).isInstanceOf(ParcelRefusedException.class)
                .extracting(e -> ((ParcelRefusedException) e).code()).isEqualTo(code);
    }

    @Test
    void badScansAreRefusedAndLeaveTheListAsItWas() {
        try (ParcelFixture f = open()) {
            f.parcels.replaceWorkers(WORKERS);
            Parcel a = register(f);
            Handover h = f.parcels.startHandover("3", "W01");
            f.parcels.scan("3", h.handoverId(), a.parcelId());
            long before = f.pending().size();

            refusedWith("already_scanned", () -> f.parcels.scan("3", h.handoverId(), a.parcelId()));
            refusedWith("already_scanned", () -> f.parcels.scan("3", h.handoverId(), a.number()));
            refusedWith("unknown_parcel", () -> f.parcels.scan("3", h.handoverId(), "3f0c0000-0000-4000-8000-000000000000"));
            refusedWith("unknown_parcel", () -> f.parcels.scan("3", h.handoverId(), "x".repeat(10_000)));
            refusedWith("unknown_parcel", () -> f.parcels.scan("3", h.handoverId(), ""));
            refusedWith("unknown_handover", () -> f.parcels.scan("4", h.handoverId(), a.parcelId()));

            assertThat(f.parcels.handover("3", h.handoverId()).parcels()).extracting(Parcel::parcelId).containsExactly(a.parcelId());
            assertThat(f.pending()).hasSize((int) before);
        }
    }

    @Test
    void aParcelHandedOverBeforeCannotBeScannedOrConfirmedAgain() {
        try (ParcelFixture f = open()) {
            f.parcels.replaceWorkers(WORKERS);
            Parcel a = register(f);
            Parcel b = register(f);
            Handover first = f.parcels.startHandover("3", "W01");
            Handover second = f.parcels.startHandover("4", "W02");
            f.parcels.scan("3", first.handoverId(), a.parcelId());
            f.parcels.scan("4", second.handoverId(), b.parcelId());
            f.parcels.scan("4", second.handoverId(), a.parcelId()); // both windows have a on their list
            f.parcels.confirm("3", first.handoverId());
            int events = f.pending().size();

            refusedWith("already_handed_over", () -> f.parcels.confirm("4", second.handoverId()));
            assertThat(f.pending()).hasSize(events); // b was not handed over either: all or nothing
            assertThat(f.parcels.find(b.parcelId()).orElseThrow().handedOver()).isFalse();
            Handover third = f.parcels.startHandover("3", "W02");
            refusedWith("already_handed_over", () -> f.parcels.scan("3", third.handoverId(), a.parcelId()));
        }
    }

    @Test
    void aWorkerNotInTheListCannotStartAHandOver() {
        try (ParcelFixture f = open()) {
            f.parcels.replaceWorkers(WORKERS);
            refusedWith("unknown_worker", () -> f.parcels.startHandover("3", "W99"));
        }
    }

    @Test
    void anEmptyHandOverCannotBeConfirmed() {
        try (ParcelFixture f = open()) {
            f.parcels.replaceWorkers(WORKERS);
            Handover h = f.parcels.startHandover("3", "W01");
            refusedWith("no_parcels", () -> f.parcels.confirm("3", h.handoverId()));
            assertThat(f.pending()).isEmpty();
        }
    }

    @Test
    void anOpenHandOverLeftAloneForHalfAnHourIsGone() {
        try (ParcelFixture f = open()) {
            f.parcels.replaceWorkers(WORKERS);
            Parcel a = register(f);
            Handover h = f.parcels.startHandover("3", "W01");
            f.nanos.addAndGet(HandoverSessions.IDLE_NANOS + 1);
            refusedWith("unknown_handover", () -> f.parcels.scan("3", h.handoverId(), a.parcelId()));
        }
    }

    @Test
    void aConfirmedReceiptCanBeReprinted() throws Exception {
        try (ParcelFixture f = open()) {
            f.parcels.replaceWorkers(WORKERS);
            Parcel a = register(f);
            Handover h = f.parcels.startHandover("3", "W01");
            f.parcels.scan("3", h.handoverId(), a.parcelId());
            f.parcels.confirm("3", h.handoverId());
            Handover again = f.parcels.reprintReceipt("3", h.handoverId());
            assertThat(again.parcels()).extracting(Parcel::number).containsExactly(a.number());
            assertThat(printed()).contains("补打 Reprint");
            refusedWith("unknown_handover", () -> f.parcels.reprintReceipt("4", h.handoverId()));
        }
    }
}

package org.openhall.centre.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhall.centre.cases.CaseService;
import org.openhall.centre.cases.Deadline;
import org.openhall.centre.cases.WorkingCalendar;
import org.openhall.centre.store.CentreStore;
import org.openhall.centre.store.Envelope;
import org.openhall.centre.store.IngestBatch;
import org.openhall.centre.store.StoreFactory;
import org.openhall.centre.testing.Envelopes;
import org.openhall.kiosk.testing.TestClock;

class PeriodicReportsTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    @TempDir
    Path dataDir;
    CentreStore store;
    TestClock clock = TestClock.fixed(Instant.parse("2026-03-01T01:00:00Z"), SHANGHAI);
    Deadline deadline = new Deadline(WorkingCalendar.weekdays(), 5, SHANGHAI);

    @BeforeEach
    void open() {
        store = StoreFactory.sqlite(dataDir.resolve("db"));
        store.addProjection(new ReportsProjection(new ObjectMapper(), new ReportFacts(SHANGHAI), deadline));
        // Thu 2026-02-26 to Sun 2026-03-08: ten ratings a day at window 3, one of them bad
        List<Envelope> batch = new ArrayList<>();
        long seq = 0;
        for (Instant day = Instant.parse("2026-02-26T02:00:00Z"); day.isBefore(Instant.parse("2026-03-09T00:00:00Z"));
                day = day.plusSeconds(86_400)) {
            for (int i = 0; i < 10; i++) {
                int score = i == 0 ? 1 : 5;
                seq++;
                batch.add(Envelopes.envelope("wuquan", "k1", seq, "id" + seq, "rating.submitted",
                        day.plusSeconds(i * 60).toEpochMilli(), "{\"window\":\"3\",\"level\":\"x\",\"score\":" + score
                                + ",\"verdict\":\"x\",\"ticket\":null,\"staff\":\"s1\",\"channel\":\"button\"}"));
            }
        }
        store.ingest(new IngestBatch(batch, List.of(), clock.millis()));
    }

    @AfterEach
    void close() {
        store.close();
    }

    PeriodicReports writer() {
        ReportService reports = new ReportService(store);
        return new PeriodicReports(store, reports, new CaseService(store, deadline, clock), dataDir.resolve("reports"),
                SHANGHAI, clock);
    }

    List<String> files() throws Exception {
        try (Stream<Path> files = Files.list(dataDir.resolve("reports"))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesEachEndedPeriodOnceAndCatchesUpAfterDowntime() throws Exception {
        // Sunday 2026-03-01 09:00 Shanghai: Feb 26-28 have ended, and so has February
        assertThat(writer().catchUp()).extracting(Period::fileStem)
                .containsExactly("daily-2026-02-26", "daily-2026-02-27", "daily-2026-02-28", "monthly-2026-02");
        assertThat(writer().catchUp()).isEmpty(); // never twice, not even by a second centre instance
        // the centre was down until Tuesday 2026-03-10: the days in between and the two weeks that ended
        // meanwhile (W09 ended on Sunday March 1, W10 on March 8) are written late
        clock.set(Instant.parse("2026-03-10T01:00:00Z"));
        assertThat(writer().catchUp()).extracting(Period::fileStem).containsExactly("daily-2026-03-01",
                "daily-2026-03-02", "daily-2026-03-03", "daily-2026-03-04", "daily-2026-03-05", "daily-2026-03-06",
                "daily-2026-03-07", "daily-2026-03-08", "daily-2026-03-09", "weekly-2026-W09", "weekly-2026-W10");
        assertThat(files()).contains("weekly-2026-W10.xlsx", "weekly-2026-W10.html", "monthly-2026-02.xlsx")
                .noneMatch(name -> name.endsWith(".tmp"));
        assertThat(writer().list()).hasSize(15);
    }

    @Test
    void theMonthlySummaryHoldsTheRatingsAndTheCaseFigures() throws Exception {
        writer().catchUp();
        Path xlsx = dataDir.resolve("reports/monthly-2026-02.xlsx");
        try (ReadableWorkbook workbook = new ReadableWorkbook(xlsx.toFile())) {
            List<Row> byWindow = workbook.getSheets().filter(s -> s.getName().equals("ratings by window")).findFirst()
                    .orElseThrow().read();
            assertThat(byWindow.get(1).getCellText(0)).isEqualTo("3");
            assertThat(byWindow.get(1).getCellAsNumber(2).orElseThrow().intValue()).isEqualTo(30); // Feb 26-28
            assertThat(byWindow.get(1).getCellAsNumber(9).orElseThrow().intValue()).isEqualTo(3);
            List<Row> figures = workbook.getSheets().filter(s -> s.getName().equals("cases")).findFirst()
                    .orElseThrow().read();
            assertThat(figures.get(0).getCellText(8)).isEqualTo("rectifiedRate");
            assertThat(figures.get(1).getCellAsNumber(0).orElseThrow().intValue()).isEqualTo(3);
            assertThat(figures.get(1).getCellAsNumber(8).orElseThrow().doubleValue()).isZero();
        }
        String html = Files.readString(dataDir.resolve("reports/monthly-2026-02.html"));
        assertThat(html).contains("月汇总 Monthly summary 2026-02", "整改率", "@media print", "90.0%");
    }
}

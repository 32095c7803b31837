package org.openhall.centre.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhall.centre.cases.Deadline;
import org.openhall.centre.cases.WorkingCalendar;
import org.openhall.centre.parcels.ParcelDesk;
import org.openhall.centre.parcels.ParcelProjection;
import org.openhall.centre.reports.Period;
import org.openhall.centre.reports.ReportsModule;
import org.openhall.centre.store.CentreStore;
import org.openhall.centre.store.Envelope;
import org.openhall.centre.store.IngestBatch;
import org.openhall.centre.store.StoreFactory;
import org.openhall.centre.testing.Envelopes;
import org.openhall.kiosk.testing.TestClock;

/** The monthly summary (月汇总) written to data_dir/reports carries the month's parcel figures per site. */
class ParcelFiguresTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    @TempDir
    Path dataDir;
    CentreStore store;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void theMonthlySummaryCountsTheMonthsParcels() throws Exception {
        store = StoreFactory.sqlite(dataDir.resolve("db"));
        store.addProjection(new ParcelProjection(new ObjectMapper()));
        TestClock clock = TestClock.fixed(Instant.ofEpochMilli(Envelopes.T0), SHANGHAI); // 2026-03-08 09:00 Shanghai
        ParcelDesk desk = new ParcelDesk(store, clock, SHANGHAI, 3);
        ReportsModule reports = new ReportsModule(store, new Deadline(WorkingCalendar.weekdays(), 5, SHANGHAI), dataDir,
                clock, List.of(ParcelFigures.monthly(desk)));
        List<Envelope> batch = new ArrayList<>();
        batch.add(Envelopes.rating("wuquan", "k1", 1));
        for (int i = 1; i <= 3; i++) {
            String id = UUID.randomUUID().toString();
            batch.add(Envelopes.envelope("wuquan", "k1", 1 + i, id, "parcel.registered", Envelopes.T0 + i * 1000L, """
                    {"parcelId":"%s","number":"P2026030800%d","matter":"户籍证明","residentName":"朱*荣","phone":"138****1234",
                     "serviceDay":"2026-03-08","window":"3","printed":true,
                     "personal":{"residentName":"朱晓荣","phone":"13812341234","address":"幸福小区3栋501","note":""}}"""
                    .formatted(id, i)));
            if (i == 1) {
                batch.add(Envelopes.envelope("wuquan", "k1", 10, UUID.randomUUID().toString(), "parcel.handed_over",
                        Envelopes.T0 + 5000, """
                        {"parcelId":"%s","number":"P20260308001","matter":"户籍证明","handoverId":"5e6f7a8b-1111-4222-8333-944455556666",
                         "worker":"W01","workerName":"李四","window":"3","parcels":1,"printed":true}""".formatted(id)));
            }
        }
        store.ingest(new IngestBatch(batch, List.of(), clock.millis()));

        clock.jump(Duration.ofDays(24)); // 2026-04-01: March has ended
        assertThat(reports.periodic().catchUp()).extracting(Period::fileStem).contains("monthly-2026-03");
        String html = Files.readString(dataDir.resolve("reports").resolve("monthly-2026-03.html"));
        assertThat(html).contains("<h2>政务包裹 Government parcels</h2>")
                .contains("<tr><td>wuquan</td><td>3</td><td>1</td><td>0</td><td>0</td><td>0</td><td>1</td><td>1</td></tr>");
        String daily = Files.readString(dataDir.resolve("reports").resolve("daily-2026-03-08.html"));
        assertThat(daily).doesNotContain("政务包裹");
    }
}

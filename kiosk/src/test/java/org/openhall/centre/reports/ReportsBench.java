package org.openhall.centre.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhall.centre.cases.Deadline;
import org.openhall.centre.cases.WorkingCalendar;
import org.openhall.centre.store.CentreStore;
import org.openhall.centre.store.Envelope;
import org.openhall.centre.store.IngestBatch;
import org.openhall.centre.store.StoreFactory;
import org.openhall.centre.testing.Envelopes;
import org.openhall.centre.testing.Postgres;

/**
 * A month of 100 kiosks' ratings (10 sites x 10 kiosks, 8 windows and 12 staff each, 200 ratings a kiosk a
 * day in opening hours: 600,000 ratings), ingested through the store with the projection, then every rating
 * report over the month timed on SQLite and on PostgreSQL. Printed, never asserted (docs/reports.md).
 * Run: {@code ./mvnw -B -o -Pbench verify -Dit.test=ReportsBench}.
 */
class ReportsBench {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final int KIOSKS = 100;
    static final int PER_DAY = Integer.getInteger("bench.ratingsPerKioskDay", 200);
    static final int DAYS = 30;
    static final ReportQuery MONTH = new ReportQuery(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31), null);
    static final ReportQuery ONE_SITE = new ReportQuery(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31), "site3");

    @TempDir
    Path dir;

    @Test
    void aMonthOfAHundredKiosks() {
        StringBuilder out = new StringBuilder("\n=== ReportsBench: " + KIOSKS + " kiosks x " + DAYS + " days x " + PER_DAY
                + " ratings = " + (KIOSKS * DAYS * PER_DAY) + " ratings ===\n");
        try (CentreStore sqlite = StoreFactory.sqlite(dir)) {
            run("SQLite", sqlite, out);
        }
        try (Postgres pg = Postgres.create()) {
            try (CentreStore postgres = pg.store()) {
                run("PostgreSQL", postgres, out);
            }
        }
        System.out.println(out);
    }

    private void run(String name, CentreStore store, StringBuilder out) {
        store.addProjection(new ReportsProjection(new ObjectMapper(), new ReportFacts(SHANGHAI),
                new Deadline(WorkingCalendar.weekdays(), 5, SHANGHAI)));
        long t0 = System.nanoTime();
        fill(store);
        double ingestS = (System.nanoTime() - t0) / 1e9;
        out.append(String.format(Locale.ROOT, "%s: ingest (events + projection + cases) %.1f s, %.0f events/s%n", name,
                ingestS, KIOSKS * DAYS * PER_DAY / ingestS));
        ReportService reports = new ReportService(store);
        // baseline: the cheapest full read of the month's rows (one COUNT over the same index range)
        time(() -> reports.ratings(RatingGrouping.MONTH, MONTH), 1); // warm-up
        for (RatingGrouping by : RatingGrouping.values()) {
            for (ReportQuery q : List.of(MONTH, ONE_SITE)) {
                double ms = time(() -> reports.ratings(by, q), 5);
                int rows = reports.ratings(by, q).size();
                out.append(String.format(Locale.ROOT, "%s: by=%-12s %-9s median of 5: %7.1f ms (%d rows)%n", name,
                        by.wireName(), q.site() == null ? "all" : "one site", ms, rows));
            }
        }
    }

    private static double time(Runnable work, int runs) {
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            work.run();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        java.util.Arrays.sort(ms);
        return ms[runs / 2];
    }

    private static void fill(CentreStore store) {
        Random random = new Random(42);
        Instant first = Instant.parse("2026-03-01T00:00:00Z"); // 08:00 Shanghai
        List<Envelope> batch = new ArrayList<>();
        for (int k = 0; k < KIOSKS; k++) {
            String site = "site" + (k / 10);
            String kiosk = "k" + k;
            long seq = 0;
            for (int d = 0; d < DAYS; d++) {
                for (int i = 0; i < PER_DAY; i++) {
                    Instant at = first.plusSeconds(d * 86_400L + random.nextInt(9 * 3600));
                    int score = random.nextInt(100) < 4 ? 1 + random.nextInt(2) : 3 + random.nextInt(3);
                    seq++;
                    batch.add(Envelopes.envelope(site, kiosk, seq, site + kiosk + seq, "rating.submitted", at.toEpochMilli(),
                            "{\"window\":\"" + (1 + random.nextInt(8)) + "\",\"level\":\"x\",\"score\":" + score
                                    + ",\"verdict\":\"x\",\"ticket\":null,\"staff\":\"s" + random.nextInt(12)
                                    + "\",\"channel\":\"button\",\"reasons\":[]}"));
                    if (batch.size() == 2000) {
                        store.ingest(new IngestBatch(batch, List.of(), System.currentTimeMillis()));
                        batch.clear();
                    }
                }
            }
        }
        store.ingest(new IngestBatch(batch, List.of(), System.currentTimeMillis()));
    }
}

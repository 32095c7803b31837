package org.openhall.centre.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.WeekFields;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openhall.centre.cases.Deadline;
import org.openhall.centre.cases.WorkingCalendar;
import org.openhall.centre.store.CentreStore;
import org.openhall.centre.store.Envelope;
import org.openhall.centre.store.IngestBatch;
import org.openhall.centre.testing.Envelopes;

/**
 * The reports checked against counts computed here, independently, from a known set of events spread over
 * days, ISO weeks, the February/March month boundary and the midnight of Asia/Shanghai (16:00 UTC). Run
 * against SQLite and PostgreSQL: the same events must give the same rows on both.
 */
abstract class ReportsContract {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final List<String> SITES = List.of("wuquan", "xinhua");
    static final List<String> KIOSKS = List.of("k1", "k2");
    static final String[] LEVELS = {null, "very_dissatisfied", "dissatisfied", "basically_satisfied", "satisfied",
            "very_satisfied"};

    CentreStore store;
    ReportService reports;
    final List<Rating> ratings = new ArrayList<>();
    final Map<String, Long> seqs = new HashMap<>();

    record Rating(String site, String kiosk, String window, String staff, int score, Instant at) {
    }

    abstract CentreStore open();

    @BeforeEach
    void fill() {
        store = open();
        ReportFacts facts = new ReportFacts(SHANGHAI);
        store.addProjection(new ReportsProjection(new ObjectMapper(), facts,
                new Deadline(WorkingCalendar.weekdays(), 5, SHANGHAI)));
        reports = new ReportService(store);
        Random random = new Random(20260301);
        Instant start = Instant.parse("2026-02-18T00:00:00Z");
        List<Envelope> batch = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            String site = SITES.get(random.nextInt(SITES.size()));
            String kiosk = KIOSKS.get(random.nextInt(KIOSKS.size()));
            // every minute of 24 days, weighted to the hours around Shanghai's midnight (15:00-17:00 UTC)
            long minute = random.nextInt(24 * 24 * 60);
            if (i % 3 == 0) {
                minute = (minute / 1440) * 1440 + 15 * 60 + random.nextInt(120);
            }
            Instant at = start.plusSeconds(minute * 60 + random.nextInt(60));
            String staff = random.nextInt(4) == 0 ? null : "s" + random.nextInt(5);
            Rating r = new Rating(site, kiosk, String.valueOf(1 + random.nextInt(4)), staff, 1 + random.nextInt(5), at);
            ratings.add(r);
            batch.add(event(site, kiosk, "rating.submitted", at, "{\"window\":\"" + r.window() + "\",\"level\":\""
                    + LEVELS[r.score()] + "\",\"score\":" + r.score() + ",\"verdict\":\"" + (r.score() <= 2 ? "bad" : "good")
                    + "\",\"ticket\":null,\"staff\":" + (staff == null ? "null" : "\"" + staff + "\"")
                    + ",\"channel\":\"button\",\"reasons\":[]}"));
            if (batch.size() == 500) {
                ingest(batch);
            }
        }
        ingest(batch);
    }

    Envelope event(String site, String kiosk, String type, Instant at, String data) {
        long seq = seqs.merge(site + "/" + kiosk, 1L, Long::sum);
        return Envelopes.envelope(site, kiosk, seq, java.util.UUID.randomUUID().toString(), type, at.toEpochMilli(), data);
    }

    void ingest(List<Envelope> batch) {
        if (!batch.isEmpty()) {
            store.ingest(new IngestBatch(batch, List.of(), System.currentTimeMillis()));
            batch.clear();
        }
    }

    @AfterEach
    void close() {
        store.close();
    }

    static final ReportQuery ALL = new ReportQuery(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 3, 31), null);

    static ZonedDateTime local(Rating r) {
        return r.at().atZone(SHANGHAI);
    }

    static String isoWeek(Rating r) {
        LocalDate d = local(r).toLocalDate();
        return d.get(WeekFields.ISO.weekBasedYear()) + "-W" + String.format("%02d", d.get(WeekFields.ISO.weekOfWeekBasedYear()));
    }

    /** Expected rows: counts per score under each key, computed from the generated ratings alone. */
    Map<List<String>, long[]> expected(List<Rating> subset, Function<Rating, String> key, boolean perSite) {
        Map<List<String>, long[]> counts = new HashMap<>();
        for (Rating r : subset) {
            List<String> id = java.util.Arrays.asList(key.apply(r), perSite ? r.site() : null);
            counts.computeIfAbsent(id, k -> new long[6])[r.score()]++;
        }
        return counts;
    }

    void assertRows(List<RatingRow> rows, Map<List<String>, long[]> expected) {
        assertThat(rows).hasSize(expected.size());
        for (RatingRow row : rows) {
            long[] s = expected.get(java.util.Arrays.asList(row.key(), row.site()));
            assertThat(s).as("row %s %s", row.key(), row.site()).isNotNull();
            assertThat(row.levels()).as("levels of %s %s", row.key(), row.site()).containsExactly(s[5], s[4], s[3], s[2], s[1]);
            long good = s[3] + s[4] + s[5];
            long total = good + s[1] + s[2];
            assertThat(row.total()).isEqualTo(total);
            assertThat(row.good()).isEqualTo(good);
            assertThat(row.bad()).isEqualTo(total - good);
            assertThat(row.goodRate()).isCloseTo((double) good / total, org.assertj.core.data.Offset.offset(0.00005));
        }
    }

    @Test
    void theFirstDayIsTheDayOfTheEarliestRatingOrQueueEvent() {
        String earliest = ratings.stream().map(r -> local(r).toLocalDate().toString()).min(String::compareTo).orElseThrow();
        assertThat(reports.firstDay()).isEqualTo(earliest);
        List<Envelope> batch = new ArrayList<>();
        batch.add(event("wuquan", "k1", "ticket.issued", Instant.parse("2026-01-31T17:00:00Z"), "{\"category\":\"A\"}"));
        ingest(batch);
        assertThat(reports.firstDay()).isEqualTo("2026-02-01");
    }

    @Test
    void ratingsByDayWeekMonthHourAndWeekdayHourOverAllSites() {
        assertRows(reports.ratings(RatingGrouping.DAY, ALL), expected(ratings, r -> local(r).toLocalDate().toString(), false));
        assertRows(reports.ratings(RatingGrouping.WEEK, ALL), expected(ratings, ReportsContract::isoWeek, false));
        assertRows(reports.ratings(RatingGrouping.MONTH, ALL), expected(ratings, r -> YearMonth.from(local(r)).toString(), false));
        assertRows(reports.ratings(RatingGrouping.HOUR, ALL),
                expected(ratings, r -> String.format("%02d", local(r).getHour()), false));
        assertRows(reports.ratings(RatingGrouping.WEEKDAY_HOUR, ALL), expected(ratings,
                r -> local(r).getDayOfWeek().getValue() + "-" + String.format("%02d", local(r).getHour()), false));
    }

    @Test
    void ratingsByWindowAndStaffKeepTheirSite() {
        assertRows(reports.ratings(RatingGrouping.WINDOW, ALL), expected(ratings, Rating::window, true));
        assertRows(reports.ratings(RatingGrouping.STAFF, ALL), expected(ratings, Rating::staff, true));
    }

    @Test
    void oneSiteAndADayRangeCountOnlyTheirRatings() {
        LocalDate from = LocalDate.of(2026, 2, 28);
        LocalDate to = LocalDate.of(2026, 3, 2);
        List<Rating> subset = ratings.stream().filter(r -> r.site().equals("xinhua"))
                .filter(r -> !local(r).toLocalDate().isBefore(from) && !local(r).toLocalDate().isAfter(to)).toList();
        assertThat(subset).hasSizeGreaterThan(100);
        assertRows(reports.ratings(RatingGrouping.DAY, new ReportQuery(from, to, "xinhua")),
                expected(subset, r -> local(r).toLocalDate().toString(), true));
        assertRows(reports.ratings(RatingGrouping.MONTH, new ReportQuery(from, to, "xinhua")),
                expected(subset, r -> YearMonth.from(local(r)).toString(), true));
    }

    @Test
    void theTimeZoneBoundaryPutsLateUtcRatingsOnTheNextDayAndMonth() {
        // ratings from 16:00 UTC on Feb 28 are March 1 in Shanghai: in March's row, not February's
        long earlyMarch = ratings.stream().filter(r -> !r.at().isBefore(Instant.parse("2026-02-28T16:00:00Z"))
                && r.at().isBefore(Instant.parse("2026-03-01T00:00:00Z"))).count();
        assertThat(earlyMarch).isGreaterThan(10);
        List<RatingRow> months = reports.ratings(RatingGrouping.MONTH, ALL);
        long march = ratings.stream().filter(r -> !r.at().isBefore(Instant.parse("2026-02-28T16:00:00Z"))).count();
        assertThat(RatingReport.find(months, "2026-03", null).total()).isEqualTo(march);
        assertThat(RatingReport.find(months, "2026-02", null).total()).isEqualTo(ratings.size() - march);
    }

    @Test
    void queueReportsCountAndTakeExactPercentiles() {
        Random random = new Random(7);
        List<Envelope> batch = new ArrayList<>();
        Map<String, List<Long>> waits = new TreeMap<>();
        Map<String, List<Long>> services = new TreeMap<>();
        Map<String, long[]> counts = new TreeMap<>(); // day -> issued, called, noShows
        Instant t = Instant.parse("2026-03-04T15:30:00Z"); // 23:30 in Shanghai: the first hour spans midnight
        for (int i = 0; i < 400; i++) {
            t = t.plusSeconds(5 + random.nextInt(30));
            String day = t.atZone(SHANGHAI).toLocalDate().toString();
            String category = random.nextBoolean() ? "A" : "B";
            String number = category + String.format("%03d", i % 1000);
            batch.add(event("wuquan", "k1", "ticket.issued", t, "{\"ticketId\":\"t" + i + "\",\"number\":\"" + number
                    + "\",\"category\":\"" + category + "\",\"categoryName\":\"x\",\"priority\":false,\"ahead\":0,"
                    + "\"waitMinutes\":null,\"serviceDay\":\"" + day + "\",\"channel\":\"terminal\",\"printed\":true}"));
            counts.computeIfAbsent(day, d -> new long[3])[0]++;
            long wait = random.nextInt(1200);
            batch.add(event("wuquan", "k1", "ticket.called", t.plusSeconds(1), "{\"number\":\"" + number
                    + "\",\"window\":\"2\",\"channel\":\"counter\",\"recall\":false,\"waitS\":" + wait + "}"));
            // a recall is no second call and has no second wait
            batch.add(event("wuquan", "k1", "ticket.called", t.plusSeconds(2), "{\"number\":\"" + number
                    + "\",\"window\":\"2\",\"channel\":\"counter\",\"recall\":true,\"waitS\":" + (wait + 30) + "}"));
            counts.get(day)[1]++;
            waits.computeIfAbsent(category, c -> new ArrayList<>()).add(wait);
            if (random.nextInt(10) == 0) {
                batch.add(event("wuquan", "k1", "ticket.no_show", t.plusSeconds(3), "{\"number\":\"" + number
                        + "\",\"window\":\"2\"}"));
                counts.get(day)[2]++;
            } else {
                long service = 30 + random.nextInt(900);
                batch.add(event("wuquan", "k1", "ticket.completed", t.plusSeconds(3), "{\"number\":\"" + number
                        + "\",\"window\":\"2\",\"serviceS\":" + service + "}"));
                services.computeIfAbsent(category, c -> new ArrayList<>()).add(service);
            }
            if (batch.size() > 400) {
                ingest(batch);
            }
        }
        ingest(batch);

        List<QueueRow> byCategory = reports.queue(QueueGrouping.CATEGORY, ALL);
        assertThat(byCategory).extracting(QueueRow::key).containsExactly("A", "B");
        for (QueueRow row : byCategory) {
            List<Long> w = waits.get(row.key());
            assertThat(row.site()).isEqualTo("wuquan");
            assertThat(row.issued()).isEqualTo(w.size());
            assertThat(row.called()).isEqualTo(w.size());
            assertThat(row.waitP50S()).isEqualTo(nearestRank(w, 50));
            assertThat(row.waitP90S()).isEqualTo(nearestRank(w, 90));
            assertThat(row.serviceP50S()).isEqualTo(nearestRank(services.get(row.key()), 50));
            assertThat(row.serviceP90S()).isEqualTo(nearestRank(services.get(row.key()), 90));
        }
        List<QueueRow> byDay = reports.queue(QueueGrouping.DAY, ALL);
        assertThat(byDay).extracting(QueueRow::key).containsExactlyElementsOf(counts.keySet());
        for (QueueRow row : byDay) {
            assertThat(new long[] {row.issued(), row.called(), row.noShows()}).containsExactly(counts.get(row.key()));
        }
        QueueRow window = reports.queue(QueueGrouping.WINDOW, ALL).getFirst();
        assertThat(window.key()).isEqualTo("2");
        assertThat(window.issued()).isNull();
        assertThat(window.called()).isEqualTo(400);
    }

    static Long nearestRank(List<Long> values, int percent) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get((int) Math.ceil(percent / 100.0 * sorted.size()) - 1);
    }

    @Test
    void pausedTimeIsSplitAtShanghaiMidnight() {
        List<Envelope> batch = new ArrayList<>();
        // paused 23:50 to 00:20 Shanghai time (15:50Z to 16:20Z): 600 s on March 4, 1200 s on March 5
        batch.add(event("wuquan", "k2", "window.paused", Instant.parse("2026-03-04T15:50:00Z"), "{\"window\":\"7\"}"));
        batch.add(event("wuquan", "k2", "window.resumed", Instant.parse("2026-03-04T16:20:00Z"),
                "{\"window\":\"7\",\"pausedS\":1800}"));
        batch.add(event("wuquan", "k2", "window.resumed", Instant.parse("2026-03-05T04:00:00Z"),
                "{\"window\":\"7\",\"pausedS\":300}"));
        ingest(batch);
        assertThat(reports.paused(ALL)).containsExactly(
                new PausedDay("wuquan", "k2", "7", "2026-03-04", 600),
                new PausedDay("wuquan", "k2", "7", "2026-03-05", 1500));
    }

    @Test
    void unreadableEventsAreSkippedAndTheRestOfTheBatchIsStored() {
        List<Envelope> batch = new ArrayList<>();
        Instant at = Instant.parse("2026-03-20T02:00:00Z");
        batch.add(event("wuquan", "k9", "rating.submitted", at, "{\"window\":\"1\",\"score\":9}"));
        batch.add(event("wuquan", "k9", "rating.submitted", at, "{\"window\":\"" + "w".repeat(200) + "\",\"score\":1}"));
        batch.add(event("wuquan", "k9", "rating.submitted", at, "\"not an object\""));
        batch.add(event("wuquan", "k9", "ticket.called", at, "{\"number\":\"A001\",\"window\":\"1\",\"waitS\":\"x\"}"));
        batch.add(event("wuquan", "k9", "rating.submitted", at, "{\"window\":\"1\",\"score\":5}"));
        ingest(batch);
        ReportQuery march20 = new ReportQuery(LocalDate.of(2026, 3, 20), LocalDate.of(2026, 3, 20), "wuquan");
        List<RatingRow> rows = reports.ratings(RatingGrouping.WINDOW, march20).stream()
                .filter(r -> r.key().equals("1")).toList();
        assertThat(rows).hasSize(1);
        assertThat(reports.queue(QueueGrouping.WINDOW, march20).getFirst().waitP50S()).isNull();
    }
}

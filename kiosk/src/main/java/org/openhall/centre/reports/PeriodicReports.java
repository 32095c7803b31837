package org.openhall.centre.reports;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.openhall.centre.cases.CaseFigures;
import org.openhall.centre.cases.CaseFilter;
import org.openhall.centre.cases.CaseService;
import org.openhall.centre.cases.FollowupCase;
import org.openhall.centre.store.CentreStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the daily report, the weekly bulletin and the monthly summary under {@code data_dir/reports/} as
 * xlsx and html, each period once: run at start (catching up on what ended while the centre was down) and
 * then every few minutes. Files are written to a temporary name and moved into place, then the period is
 * recorded; a crash in between rewrites the same files, never a second set.
 */
public final class PeriodicReports {
    private static final Logger log = LoggerFactory.getLogger(PeriodicReports.class);
    private final CentreStore store;
    private final ReportService reports;
    private final CaseService cases;
    private final Path dir;
    private final ZoneId zone;
    private final Clock clock;
    private final PeriodicStore written = new PeriodicStore();
    private final List<MonthlyFigures> monthly;

    public PeriodicReports(CentreStore store, ReportService reports, CaseService cases, Path dir, ZoneId zone,
            Clock clock) {
        this(store, reports, cases, dir, zone, clock, List.of());
    }

    /** {@code monthly}: further sections of the monthly summary, after the cases. */
    public PeriodicReports(CentreStore store, ReportService reports, CaseService cases, Path dir, ZoneId zone,
            Clock clock, List<MonthlyFigures> monthly) {
        this.monthly = List.copyOf(monthly);
        this.store = store;
        this.reports = reports;
        this.cases = cases;
        this.dir = dir;
        this.zone = zone;
        this.clock = clock;
    }

    public Path dir() {
        return dir;
    }

    /** Writes every ended period not written yet; returns those written now. */
    public List<Period> catchUp() {
        String first = reports.firstDay();
        if (first == null) {
            return List.of();
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        List<Period> now = new ArrayList<>();
        for (Period period : Period.ended(LocalDate.parse(first), today)) {
            if (store.inTransaction(tx -> written.isWritten(tx.connection(), period))) {
                continue;
            }
            try {
                write(period);
            } catch (IOException e) {
                log.error("periodic report {} not written: {}", period.fileStem(), e.getMessage());
                return now;
            }
            if (store.inTransaction(tx -> written.markWritten(tx.connection(), period, clock.millis()))) {
                now.add(period);
            }
        }
        if (!now.isEmpty()) {
            log.info("periodic reports written: {}", now.stream().map(Period::fileStem).toList());
        }
        return now;
    }

    public List<PeriodicStore.Written> list() {
        return store.inTransaction(tx -> written.all(tx.connection()));
    }

    /** The file of a written report, or null when the name is not one of ours. */
    public Path file(String name) {
        if (!name.matches("(daily|weekly|monthly)-[0-9W-]{7,10}\\.(xlsx|html)")) {
            return null;
        }
        return dir.resolve(name);
    }

    private void write(Period period) throws IOException {
        Files.createDirectories(dir);
        List<HtmlReport.Section> sections = sections(period);
        List<ReportTable> tables = sections.stream().map(HtmlReport.Section::table).toList();
        atomically(dir.resolve(period.fileStem() + ".xlsx"), out -> XlsxExport.write(tables, out));
        String html = HtmlReport.render(period.kind().title() + " " + period.name(),
                period.from() + " – " + period.to() + " · " + zone.getId(), sections);
        atomically(dir.resolve(period.fileStem() + ".html"), out -> out.write(html.getBytes(StandardCharsets.UTF_8)));
    }

    List<HtmlReport.Section> sections(Period period) {
        ReportQuery q = new ReportQuery(period.from(), period.to(), null);
        List<HtmlReport.Section> sections = new ArrayList<>();
        sections.add(section("窗口评价 Ratings by window", ReportTable.ofRatings("ratings by window",
                reports.ratings(RatingGrouping.WINDOW, q))));
        sections.add(section("工作人员评价 Ratings by staff", ReportTable.ofRatings("ratings by staff",
                reports.ratings(RatingGrouping.STAFF, q))));
        if (period.kind() == PeriodKind.DAILY) {
            sections.add(section("分时评价 Ratings by hour", ReportTable.ofRatings("ratings by hour",
                    reports.ratings(RatingGrouping.HOUR, q))));
        } else {
            sections.add(section("每日评价 Ratings by day", ReportTable.ofRatings("ratings by day",
                    reports.ratings(RatingGrouping.DAY, q))));
        }
        if (period.kind() == PeriodKind.MONTHLY) {
            sections.add(section("每周评价 Ratings by week", ReportTable.ofRatings("ratings by week",
                    reports.ratings(RatingGrouping.WEEK, q))));
        }
        sections.add(section("业务排队 Queue by category", ReportTable.ofQueue("queue by category",
                reports.queue(QueueGrouping.CATEGORY, q))));
        sections.add(section("窗口排队 Queue by window", ReportTable.ofQueue("queue by window",
                reports.queue(QueueGrouping.WINDOW, q))));
        sections.add(section("窗口暂停 Paused time per window and day", ReportTable.ofPaused("paused", reports.paused(q))));
        List<FollowupCase> periodCases = cases.ratedBetween(period.from(), period.to());
        sections.add(section("差评处理 Bad-rating cases", caseFigures(periodCases)));
        if (period.kind() != PeriodKind.DAILY) {
            sections.add(section("逾期未办结 Overdue cases", caseList(cases.list(
                    new CaseFilter("overdue", null, null, null, null, cases.today())))));
        }
        if (period.kind() == PeriodKind.MONTHLY) {
            monthly.forEach(m -> sections.add(m.section(period.from(), period.to())));
        }
        return sections;
    }

    private static HtmlReport.Section section(String heading, ReportTable table) {
        return new HtmlReport.Section(heading, table);
    }

    private ReportTable caseFigures(List<FollowupCase> periodCases) {
        CaseFigures f = CaseFigures.of(periodCases, cases.today(), zone);
        List<Object> row = java.util.Arrays.asList((long) f.cases(), (long) f.invalid(), (long) f.valid(),
                (long) f.rectified(), (long) f.revisited(), (long) f.closed(), (long) f.closedOnTime(), (long) f.overdue(),
                f.rectifiedRate(), f.revisitRate(), f.revisitSatisfiedRate());
        return new ReportTable("cases", List.of("cases", "invalid", "valid", "rectified", "revisited", "closed",
                "closedOnTime", "overdue", "rectifiedRate", "revisitRate", "revisitSatisfiedRate"), List.of(row));
    }

    private ReportTable caseList(List<FollowupCase> list) {
        List<List<Object>> rows = new ArrayList<>();
        for (FollowupCase c : list) {
            rows.add(java.util.Arrays.asList(c.id(), c.site(), c.window(), c.staff(), c.level(),
                    String.join(",", c.reasons()), c.ratedAt().atZone(zone).toLocalDateTime().toString(),
                    c.due().toString(), c.state().wireName()));
        }
        return new ReportTable("overdue cases", List.of("id", "site", "window", "staff", "level", "reasons", "ratedAt",
                "due", "state"), rows);
    }

    private interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private static void atomically(Path target, Content content) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            content.writeTo(out);
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}

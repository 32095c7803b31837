package org.openhall.centre.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openhall.centre.cases.CaseService;
import org.openhall.centre.cases.Deadline;
import org.openhall.centre.cases.HolidaysFile;
import org.openhall.centre.cases.WorkingCalendar;
import org.openhall.centre.store.CentreStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reports and cases of the centre, put together: the projection (register it before ingest starts), the
 * report, case and periodic-report services, and their timer (overdue alarms every minute, periodic reports
 * at start and every five minutes).
 */
public final class ReportsModule {
    private static final Logger log = LoggerFactory.getLogger(ReportsModule.class);
    private final ReportsProjection projection;
    private final ReportService reports;
    private final CaseService cases;
    private final PeriodicReports periodic;
    private final ZoneId zone;

    public ReportsModule(CentreStore store, Deadline deadline, Path dataDir, Clock clock) {
        this(store, deadline, dataDir, clock, java.util.List.of());
    }

    /** {@code monthly}: figures other parts of the centre add to the monthly summary. */
    public ReportsModule(CentreStore store, Deadline deadline, Path dataDir, Clock clock,
            java.util.List<MonthlyFigures> monthly) {
        this.zone = deadline.zone();
        this.projection = new ReportsProjection(new ObjectMapper(), new ReportFacts(zone), deadline);
        this.reports = new ReportService(store);
        this.cases = new CaseService(store, deadline, clock);
        this.periodic = new PeriodicReports(store, reports, cases, dataDir.resolve("reports"), zone, clock, monthly);
        store.addProjection(projection);
    }

    /**
     * The deadline of the configuration: {@code followup.deadline_working_days} over the holidays file (none:
     * Monday to Friday).
     *
     * @throws HolidaysFile.InvalidHolidaysException for an unreadable file or a bad line
     */
    public static Deadline deadline(int workingDays, Path holidaysFile, ZoneId zone)
            throws HolidaysFile.InvalidHolidaysException {
        WorkingCalendar calendar = holidaysFile == null ? WorkingCalendar.weekdays() : HolidaysFile.load(holidaysFile);
        return new Deadline(calendar, workingDays, zone);
    }

    public void start(ScheduledExecutorService timer) {
        timer.scheduleWithFixedDelay(() -> guarded("overdue check", cases::checkOverdue), 0, 60, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(() -> guarded("periodic reports", periodic::catchUp), 0, 300, TimeUnit.SECONDS);
    }

    private static void guarded(String what, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            log.warn("{} failed: {}", what, e.getMessage());
        }
    }

    public ReportService reports() {
        return reports;
    }

    public CaseService cases() {
        return cases;
    }

    public PeriodicReports periodic() {
        return periodic;
    }

    public ZoneId zone() {
        return zone;
    }
}

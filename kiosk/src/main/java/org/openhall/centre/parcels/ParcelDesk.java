package org.openhall.centre.parcels;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openhall.centre.store.CentreStore;
import org.openhall.centre.store.KioskId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The centre's parcel desk: every parcel with its state, worker and due date; the grid worker's door outcome;
 * the overdue alarm; the figures of the monthly summary. Personal data is handed out only to a manager
 * (supervisor, admin) or to the worker who holds the parcel, and never logged.
 */
public final class ParcelDesk {
    private static final Logger log = LoggerFactory.getLogger(ParcelDesk.class);
    public static final String ALARM = "parcel_overdue";
    static final Set<String> OUTCOMES = Set.of(CentreParcel.DELIVERED, CentreParcel.RESCHEDULED, CentreParcel.RETURNED);
    static final Set<String> STATES = Set.of(CentreParcel.REGISTERED, CentreParcel.HANDED_OVER, CentreParcel.DELIVERED,
            CentreParcel.RESCHEDULED, CentreParcel.RETURNED);
    static final int MAX_RESCHEDULE_DAYS = 60;
    static final int NOTE_MAX = 200;
    static final int ALARM_LISTS = 10;

    private final CentreStore store;
    private final ParcelStore parcels;
    private final Clock clock;
    private final ZoneId zone;
    private final int overdueDays;

    public ParcelDesk(CentreStore store, Clock clock, ZoneId zone, int overdueDays) {
        this.store = store;
        this.parcels = new ParcelStore(store);
        this.clock = clock;
        this.zone = zone;
        this.overdueDays = overdueDays;
    }

    /** A worker sees the parcels handed to them; everyone else every parcel (masked). */
    public List<CentreParcel> list(Viewer viewer, String state, String site, int limit) {
        if (state != null && !STATES.contains(state) && !state.equals("out") && !state.equals("overdue")) {
            throw new ParcelRefused(400, "invalid_argument", "state: one of " + STATES + ", out or overdue");
        }
        String worker = viewer.worker() ? viewer.name() : null;
        if ("out".equals(state) || "overdue".equals(state)) {
            long cutoff = "overdue".equals(state) ? overdueCutoff() : Long.MAX_VALUE;
            return parcels.outSince(cutoff).stream().filter(p -> site == null || p.site().equals(site))
                    .filter(p -> worker == null || worker.equals(p.worker())).limit(limit).toList();
        }
        return parcels.list(state, site, worker, limit);
    }

    public CentreParcel get(Viewer viewer, String parcelId) {
        CentreParcel p = parcels.find(parcelId).orElseThrow(ParcelDesk::unknown);
        if (viewer.worker() && !viewer.name().equals(p.worker())) {
            throw unknown(); // a worker does not learn of other workers' parcels
        }
        return p;
    }

    /** The full name, phone, address and note, for the holder of the parcel or a manager; else empty. */
    public Optional<Personal> personal(Viewer viewer, CentreParcel p) {
        boolean holder = viewer.worker() && viewer.name().equals(p.worker());
        return holder || viewer.manager() ? parcels.personal(p.parcelId()) : Optional.empty();
    }

    /**
     * Records what happened at the door: {@code delivered}, {@code rescheduled} (with the new date) or
     * {@code returned} to the hall. Only on a parcel that is out, by its worker or a manager.
     */
    public CentreParcel outcome(Viewer viewer, String parcelId, String outcome, String date, String note) {
        if (outcome == null || !OUTCOMES.contains(outcome)) {
            throw new ParcelRefused(400, "invalid_argument", "outcome: delivered, rescheduled or returned");
        }
        String rescheduledTo = outcome.equals(CentreParcel.RESCHEDULED) ? rescheduleDate(date) : null;
        if (!outcome.equals(CentreParcel.RESCHEDULED) && date != null) {
            throw new ParcelRefused(400, "invalid_argument", "date: only with rescheduled");
        }
        if (note != null && (note.codePointCount(0, note.length()) > NOTE_MAX
                || note.codePoints().anyMatch(Character::isISOControl))) {
            throw new ParcelRefused(400, "invalid_argument", "note: at most " + NOTE_MAX + " characters, no control characters");
        }
        if (!viewer.worker() && !viewer.manager()) {
            throw new ParcelRefused(403, "forbidden", "only the parcel's worker or a supervisor records outcomes");
        }
        CentreParcel p = get(viewer, parcelId);
        if (!p.out()) {
            throw new ParcelRefused(409, "not_out", "parcel " + p.number() + " is " + p.state());
        }
        CentreParcel after = parcels.outcome(parcelId, outcome, rescheduledTo, viewer.name(), note, clock.millis())
                .orElseThrow(() -> new ParcelRefused(409, "not_out", "parcel " + p.number() + " is no longer out"));
        log.info("parcel {} {} by {}", p.number(), outcome, viewer.name());
        return after;
    }

    private String rescheduleDate(String date) {
        if (date == null) {
            throw new ParcelRefused(400, "invalid_argument", "date: the new delivery date, YYYY-MM-DD");
        }
        LocalDate day;
        try {
            day = LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw new ParcelRefused(400, "invalid_argument", "date: YYYY-MM-DD");
        }
        LocalDate today = today();
        if (day.isBefore(today) || day.isAfter(today.plusDays(MAX_RESCHEDULE_DAYS))) {
            throw new ParcelRefused(400, "invalid_argument", "date: from today to " + MAX_RESCHEDULE_DAYS + " days ahead");
        }
        return day.toString();
    }

    /** When the parcel should be at the door: the rescheduled date, else hand-over day + overdue_days. */
    public LocalDate due(CentreParcel p) {
        if (p.rescheduledTo() != null && CentreParcel.RESCHEDULED.equals(p.state())) {
            return LocalDate.parse(p.rescheduledTo());
        }
        return p.handedOverMs() == null ? null : LocalDate.ofInstant(Instant.ofEpochMilli(p.handedOverMs()), zone).plusDays(overdueDays);
    }

    public boolean overdue(CentreParcel p) {
        return p.out() && p.handedOverMs() != null && p.handedOverMs() < overdueCutoff();
    }

    /**
     * Raises alarm {@code parcel_overdue} for every kiosk with a parcel out longer than {@code overdue_days}
     * (message: how many, and their numbers and workers; nothing personal), and clears it where none is.
     */
    public int checkOverdue() {
        Map<KioskId, List<CentreParcel>> byKiosk = new LinkedHashMap<>();
        for (CentreParcel p : parcels.outSince(overdueCutoff())) {
            byKiosk.computeIfAbsent(new KioskId(p.site(), p.kiosk()), k -> new ArrayList<>()).add(p);
        }
        long now = clock.millis();
        byKiosk.forEach((kiosk, late) -> store.raise(kiosk, ALARM, message(late), now, true));
        for (String[] k : parcels.kiosks()) {
            KioskId kiosk = new KioskId(k[0], k[1]);
            if (!byKiosk.containsKey(kiosk)) {
                store.clear(kiosk, ALARM, now);
            }
        }
        return byKiosk.values().stream().mapToInt(List::size).sum();
    }

    private String message(List<CentreParcel> late) {
        StringBuilder b = new StringBuilder().append(late.size()).append(late.size() == 1 ? " parcel" : " parcels")
                .append(" out longer than ").append(overdueDays).append(" days: ");
        for (int i = 0; i < Math.min(ALARM_LISTS, late.size()); i++) {
            CentreParcel p = late.get(i);
            b.append(i == 0 ? "" : ", ").append(p.number()).append(" (").append(p.worker()).append(")");
        }
        return late.size() > ALARM_LISTS ? b.append(", …").toString() : b.toString();
    }

    /** The monthly summary's parcel figures, per site, for the days [from, to) in the centre's time zone. */
    public List<ParcelCounts> counts(LocalDate from, LocalDate toExclusive, String site) {
        long fromMs = from.atStartOfDay(zone).toInstant().toEpochMilli();
        long toMs = toExclusive.atStartOfDay(zone).toInstant().toEpochMilli();
        return parcels.counts(fromMs, toMs, site, overdueCutoff());
    }

    private long overdueCutoff() {
        return clock.millis() - Duration.ofDays(overdueDays).toMillis();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    public int overdueDays() {
        return overdueDays;
    }

    private static ParcelRefused unknown() {
        return new ParcelRefused(404, "unknown_parcel", "no such parcel");
    }
}

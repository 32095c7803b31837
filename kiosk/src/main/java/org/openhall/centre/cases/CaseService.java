package org.openhall.centre.cases;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openhall.centre.store.Alarm;
import org.openhall.centre.store.CentreStore;
import org.openhall.centre.store.KioskId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists cases, records their steps (one transaction each, refused when out of order or when another
 * supervisor moved the case first) and raises the alarm {@value #ALARM_KIND} per kiosk while it has open cases
 * past due, clearing it when none are left.
 */
public final class CaseService {
    public static final String ALARM_KIND = "case_overdue";
    private static final Logger log = LoggerFactory.getLogger(CaseService.class);
    private final CentreStore store;
    private final Deadline deadline;
    private final Clock clock;
    private final CaseStore cases = new CaseStore();
    /** The overdue count last raised per kiosk: the alarm's message (and count) change only when it does. */
    private final Map<KioskId, Integer> raised = new java.util.concurrent.ConcurrentHashMap<>();

    public CaseService(CentreStore store, Deadline deadline, Clock clock) {
        this.store = store;
        this.deadline = deadline;
        this.clock = clock;
    }

    public LocalDate today() {
        return deadline.today(clock.instant());
    }

    public List<FollowupCase> list(CaseFilter filter) {
        return store.inTransaction(tx -> cases.list(tx.connection(), filter));
    }

    public Optional<FollowupCase> find(long id) {
        return store.inTransaction(tx -> cases.find(tx.connection(), id));
    }

    /** Cases of ratings given between two days (both included), for the monthly figures. */
    public List<FollowupCase> ratedBetween(LocalDate from, LocalDate to) {
        return store.inTransaction(tx -> cases.ratedBetween(tx.connection(), from, to));
    }

    /**
     * Takes one step on case {@code id} as {@code user}, now.
     *
     * @return the case after the step, or empty when there is no such case
     * @throws StepRefusedException out of order (also when another step got there first) or invalid
     */
    public Optional<FollowupCase> step(long id, StepKind kind, String note, ResidentView view, String user)
            throws StepRefusedException {
        CaseStep step = new CaseStep(kind, user, clock.instant(), note, view);
        Optional<FollowupCase> current = find(id);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        FollowupCase before = current.get();
        FollowupCase after = before.next(step);
        boolean taken = store.inTransaction(tx -> cases.step(tx.connection(), id, before.steps().size() + 1, step,
                before.state(), after.state()));
        if (!taken) {
            throw new StepRefusedException(StepRefusedException.OUT_OF_ORDER, "case " + id + " was moved meanwhile");
        }
        log.info("case {} ({} {}): {} by {} → {}", id, before.site(), before.kiosk(), kind.wireName(), user,
                after.state().wireName());
        return Optional.of(after);
    }

    /** Raises or updates the overdue alarm of every kiosk with cases past due; clears the others. */
    public void checkOverdue() {
        Instant now = clock.instant();
        Map<List<String>, Integer> overdue = store.inTransaction(tx -> cases.overduePerKiosk(tx.connection(), today()));
        Set<KioskId> alarmed = new HashSet<>();
        overdue.forEach((key, count) -> {
            KioskId kiosk = new KioskId(key.get(0), key.get(1));
            alarmed.add(kiosk);
            boolean changed = !count.equals(raised.put(kiosk, count));
            store.raise(kiosk, ALARM_KIND, count + (count == 1 ? " bad-rating case" : " bad-rating cases")
                    + " past the follow-up deadline (" + count + " 件差评逾期未办结)", now.toEpochMilli(), changed);
        });
        for (Alarm open : openAlarms()) {
            if (!alarmed.contains(open.kiosk())) {
                raised.remove(open.kiosk());
                store.clear(open.kiosk(), ALARM_KIND, now.toEpochMilli());
            }
        }
    }

    private List<Alarm> openAlarms() {
        List<Alarm> open = new java.util.ArrayList<>();
        for (String state : List.of(Alarm.ACTIVE, Alarm.ACKNOWLEDGED)) {
            store.alarms(state, null, 10_000).stream().filter(a -> ALARM_KIND.equals(a.kind())).forEach(open::add);
        }
        return open;
    }
}

package org.openhall.centre.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The follow-up of one bad rating (score 1-2), with the rating's attribution and reasons, its due date and
 * the steps taken so far. Immutable: {@link #next} returns the case after one more step.
 *
 * <p>Order: verify, rectify, revisit, close. A case can be found invalid (误评, with its reason in the note)
 * while it is new or verified. After a revisit where the resident was dissatisfied it can be rectified again.
 */
public record FollowupCase(long id, String site, String kiosk, String window, String staff, String ticket,
        String level, List<String> reasons, Instant ratedAt, LocalDate due, CaseState state, List<CaseStep> steps) {
    public static final int MAX_NOTE_LENGTH = 2000;

    public FollowupCase {
        reasons = List.copyOf(reasons);
        steps = List.copyOf(steps);
    }

    /** A new case for a bad rating, before any step. */
    public static FollowupCase opened(long id, String site, String kiosk, String window, String staff, String ticket,
            String level, List<String> reasons, Instant ratedAt, LocalDate due) {
        return new FollowupCase(id, site, kiosk, window, staff, ticket, level, reasons, ratedAt, due, CaseState.NEW,
                List.of());
    }

    /** Open and past its due date: {@code today} (centre.timezone) is later than {@code due}. */
    public boolean overdue(LocalDate today) {
        return state.open() && today.isAfter(due);
    }

    /**
     * The case after {@code step}.
     *
     * @throws StepRefusedException {@code step_out_of_order} when the step does not follow from the state;
     *     {@code invalid_argument} for an invalid without reason, a revisit without view, a view on another
     *     step, or a note over {@value #MAX_NOTE_LENGTH} characters
     */
    public FollowupCase next(CaseStep step) throws StepRefusedException {
        check(step);
        CaseState after = transition(step);
        List<CaseStep> all = new ArrayList<>(steps);
        all.add(step);
        return new FollowupCase(id, site, kiosk, window, staff, ticket, level, reasons, ratedAt, due, after, all);
    }

    private static void check(CaseStep step) throws StepRefusedException {
        if (step.note() != null && step.note().length() > MAX_NOTE_LENGTH) {
            throw invalid("a note has at most " + MAX_NOTE_LENGTH + " characters");
        }
        if (step.step() == StepKind.INVALID && (step.note() == null || step.note().isBlank())) {
            throw invalid("an invalid rating (误评) needs its reason in the note");
        }
        if (step.step() == StepKind.REVISIT && step.view() == null) {
            throw invalid("a revisit needs the resident's view: satisfied, basically_satisfied or dissatisfied");
        }
        if (step.step() != StepKind.REVISIT && step.view() != null) {
            throw invalid("only a revisit carries the resident's view");
        }
    }

    private CaseState transition(CaseStep step) throws StepRefusedException {
        CaseState after = switch (step.step()) {
            case VERIFY -> state == CaseState.NEW ? CaseState.VERIFIED : null;
            case RECTIFY -> state == CaseState.VERIFIED || revisitedDissatisfied() ? CaseState.RECTIFIED : null;
            case REVISIT -> state == CaseState.RECTIFIED ? CaseState.REVISITED : null;
            case CLOSE -> state == CaseState.REVISITED ? CaseState.CLOSED : null;
            case INVALID -> state == CaseState.NEW || state == CaseState.VERIFIED ? CaseState.INVALID : null;
        };
        if (after == null) {
            throw new StepRefusedException(StepRefusedException.OUT_OF_ORDER,
                    "case " + id + " is " + state.wireName() + ": no " + step.step().wireName() + " now");
        }
        return after;
    }

    private boolean revisitedDissatisfied() {
        return state == CaseState.REVISITED && !steps.isEmpty()
                && steps.getLast().view() == ResidentView.DISSATISFIED;
    }

    /** Whether a step of this kind was ever taken. */
    public boolean took(StepKind kind) {
        return steps.stream().anyMatch(s -> s.step() == kind);
    }

    private static StepRefusedException invalid(String message) {
        return new StepRefusedException(StepRefusedException.INVALID_ARGUMENT, message);
    }
}

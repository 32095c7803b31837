package org.openhall.centre.cases;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;

/**
 * The case figures of the 好差评 rules for a set of cases (e.g. the bad ratings of a month): of the valid
 * cases (those not found invalid), how many were rectified (整改率) and revisited (回访率), how many closed
 * by their due date, and how the revisited residents judged the rectification.
 *
 * @param cases every case, invalid ones included
 * @param invalid found invalid (误评)
 * @param rectified valid cases with a rectify step
 * @param revisited valid cases with a revisit step
 * @param closed valid cases closed
 * @param closedOnTime closed on or before their due date (centre.timezone)
 * @param overdue still open past their due date on {@code today}
 * @param revisitSatisfied revisits whose last view was satisfied or basically satisfied
 */
public record CaseFigures(int cases, int invalid, int rectified, int revisited, int closed, int closedOnTime,
        int overdue, int revisitSatisfied) {

    public static CaseFigures of(Collection<FollowupCase> all, LocalDate today, ZoneId zone) {
        int invalid = 0, rectified = 0, revisited = 0, closed = 0, onTime = 0, overdue = 0, satisfied = 0;
        for (FollowupCase c : all) {
            if (c.state() == CaseState.INVALID) {
                invalid++;
                continue;
            }
            rectified += c.took(StepKind.RECTIFY) ? 1 : 0;
            overdue += c.overdue(today) ? 1 : 0;
            if (c.took(StepKind.REVISIT)) {
                revisited++;
                satisfied += lastView(c) != ResidentView.DISSATISFIED ? 1 : 0;
            }
            if (c.state() == CaseState.CLOSED) {
                closed++;
                LocalDate closedOn = LocalDate.ofInstant(c.steps().getLast().at(), zone);
                onTime += closedOn.isAfter(c.due()) ? 0 : 1;
            }
        }
        return new CaseFigures(all.size(), invalid, rectified, revisited, closed, onTime, overdue, satisfied);
    }

    private static ResidentView lastView(FollowupCase c) {
        ResidentView view = null;
        for (CaseStep step : c.steps()) {
            view = step.view() != null ? step.view() : view;
        }
        return view;
    }

    public int valid() {
        return cases - invalid;
    }

    /** 整改率: rectified / valid, null without valid cases. */
    public Double rectifiedRate() {
        return rate(rectified, valid());
    }

    /** 回访率: revisited / valid, null without valid cases. */
    public Double revisitRate() {
        return rate(revisited, valid());
    }

    /** Revisited residents satisfied or basically satisfied with the rectification / revisited. */
    public Double revisitSatisfiedRate() {
        return rate(revisitSatisfied, revisited);
    }

    static Double rate(int part, int whole) {
        return whole == 0 ? null : Math.round(part * 10000.0 / whole) / 10000.0;
    }
}

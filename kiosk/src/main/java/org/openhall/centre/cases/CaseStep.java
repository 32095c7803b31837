package org.openhall.centre.cases;

import java.time.Instant;

/**
 * One recorded step: who, when, what they wrote; {@code view} only on a revisit (the resident's view of the
 * rectification), null otherwise.
 */
public record CaseStep(StepKind step, String user, Instant at, String note, ResidentView view) {
}

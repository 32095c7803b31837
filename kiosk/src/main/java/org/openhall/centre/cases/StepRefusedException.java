package org.openhall.centre.cases;

/** A step that cannot be taken; {@link #code()} is the HTTP error word. */
public final class StepRefusedException extends Exception {
    /** The step does not follow from the case's state (HTTP 409). */
    public static final String OUT_OF_ORDER = "step_out_of_order";
    /** A missing reason, view or an over-long note (HTTP 400). */
    public static final String INVALID_ARGUMENT = "invalid_argument";

    private final String code;

    public StepRefusedException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}

package org.openhall.kiosk.refusals;

/** A request was refused for {@link #refusal()}; nothing was changed. The message is for logs, not the wire. */
public class RefusedException extends RuntimeException {
    private final Refusal refusal;

    public RefusedException(Refusal refusal, String message) {
        super(message);
        this.refusal = refusal;
    }

    protected RefusedException(Refusal refusal, String message, Throwable cause) {
        super(message, cause);
        this.refusal = refusal;
    }

    public Refusal refusal() {
        return refusal;
    }

    /** The wire word, for logs and results. */
    public String code() {
        return refusal.word();
    }
}

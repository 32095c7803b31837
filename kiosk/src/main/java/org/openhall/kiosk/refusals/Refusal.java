package org.openhall.kiosk.refusals;

/**
 * Every reason the kiosk refuses a request, with its wire word (the contract's snake_case error, the same in
 * an HTTP body {@code {"error":…}} and in a {@code command.result}) and the HTTP status it is answered with.
 * The one place where an error word meets its status: routes and the command processor only look it up here.
 */
public enum Refusal {
    MALFORMED("malformed", 400),
    INVALID_ARGUMENT("invalid_argument", 400),
    UNKNOWN_CATEGORY("unknown_category", 400),
    UNKNOWN_WINDOW("unknown_window", 400),
    UNKNOWN_LEVEL("unknown_level", 400),
    UNKNOWN_COMMAND("unknown_command", 400),
    EXPIRED("expired", 400),
    QUEUE_EMPTY("queue_empty", 409),
    NOTHING_CALLED("nothing_called", 409),
    WINDOW_PAUSED("window_paused", 409),
    ALREADY_PAUSED("already_paused", 409),
    NOT_PAUSED("not_paused", 409),
    UNAUTHORIZED("unauthorized", 401),
    NO_INVITE("no_invite", 409),
    LOCKED_OUT("locked_out", 429),
    RATE_LIMITED("rate_limited", 429),
    BUSY("busy", 503),
    PRINTER_PAPER_OUT("printer_paper_out", 503),
    PRINTER_COVER_OPEN("printer_cover_open", 503),
    PRINTER_OFFLINE("printer_offline", 503),
    PRINTER_ERROR("printer_error", 503),
    PRINTER_UNAVAILABLE("printer_unavailable", 503),
    OUTBOX_FULL("outbox_full", 503),
    STORAGE_FULL("storage_full", 503),
    STORAGE_FAILING("storage_failing", 503),
    INTERRUPTED("interrupted", 500),
    INTERNAL_ERROR("internal_error", 500),
    // the HTTP layer's own refusals (interface.md sections 4 and 6)
    NOT_FOUND("not_found", 404),
    METHOD_NOT_ALLOWED("method_not_allowed", 405),
    BODY_TOO_LARGE("body_too_large", 413),
    UNSUPPORTED_MEDIA_TYPE("unsupported_media_type", 415),
    FORBIDDEN_ORIGIN("forbidden_origin", 403),
    FORBIDDEN_HOST("forbidden_host", 403),
    LOCAL_ONLY("local_only", 403),
    PIN_BUSY("pin_busy", 409);

    private final String word;
    private final int httpStatus;

    Refusal(String word, int httpStatus) {
        this.word = word;
        this.httpStatus = httpStatus;
    }

    /** The contract's error word. */
    public String word() {
        return word;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** Thrown form: {@code throw Refusal.NO_INVITE.because("…")}. */
    public RefusedException because(String message) {
        return new RefusedException(this, message);
    }
}

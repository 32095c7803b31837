package org.openhall.kiosk.ratings;

/**
 * A rating (or a command about ratings) was refused; nothing was recorded. {@link #code()} is the snake_case
 * word for the API: {@code unknown_window}, {@code unknown_level}, {@code locked_out}, {@code no_invite},
 * {@code outbox_full} or {@code invalid_argument}.
 */
public final class RatingRefusedException extends Exception {
    public static final String UNKNOWN_WINDOW = "unknown_window";
    public static final String UNKNOWN_LEVEL = "unknown_level";
    public static final String LOCKED_OUT = "locked_out";
    public static final String NO_INVITE = "no_invite";
    public static final String OUTBOX_FULL = "outbox_full";
    public static final String INVALID_ARGUMENT = "invalid_argument";

    private final String code;

    public RatingRefusedException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}

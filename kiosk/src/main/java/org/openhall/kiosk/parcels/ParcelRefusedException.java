package org.openhall.kiosk.parcels;

/**
 * A parcel action that cannot be done, and changed nothing. {@code code} is the snake_case error word of
 * the HTTP answer and the command result; {@code field} names the offending input, or is null.
 */
public final class ParcelRefusedException extends RuntimeException {
    private final String code;
    private final String field;

    public ParcelRefusedException(String code, String field, String message) {
        super(message);
        this.code = code;
        this.field = field;
    }

    public ParcelRefusedException(String code, String message) {
        this(code, null, message);
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }

    static ParcelRefusedException invalid(String field, String problem) {
        return new ParcelRefusedException("invalid_argument", field, field + ": " + problem);
    }
}

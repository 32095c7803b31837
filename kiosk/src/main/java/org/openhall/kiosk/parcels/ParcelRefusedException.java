package org.openhall.kiosk.parcels;

import org.openhall.kiosk.refusals.Refusal;
import org.openhall.kiosk.refusals.RefusedException;

/**
 * A parcel action that cannot be done, and changed nothing: its {@link Refusal} is the HTTP answer's error
 * word, and {@code field} names the offending input (or is null), so the page can say which one.
 */
public final class ParcelRefusedException extends RefusedException {
    private final String field;

    public ParcelRefusedException(Refusal refusal, String field, String message) {
        super(refusal, message);
        this.field = field;
    }

    public ParcelRefusedException(Refusal refusal, String message) {
        this(refusal, null, message);
    }

    public String field() {
        return field;
    }

    static ParcelRefusedException invalid(String field, String problem) {
        return new ParcelRefusedException(Refusal.INVALID_ARGUMENT, field, field + ": " + problem);
    }
}

package org.openhall.centre.parcels;

/** A parcel request the centre turns down, having changed nothing; {@code code} is the HTTP error word. */
public final class ParcelRefused extends RuntimeException {
    private final int status;
    private final String code;

    public ParcelRefused(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}

package org.openhall.centre.parcels;

/**
 * A parcel as the centre follows it, masked: state {@code registered}, {@code handed_over}, {@code delivered},
 * {@code rescheduled} (with {@code rescheduledTo}) or {@code returned} (to the hall). Times are epoch ms;
 * fields of an event not yet arrived are null.
 */
public record CentreParcel(String parcelId, String site, String kiosk, String number, String matter,
        String residentMasked, String phoneMasked, String window, String serviceDay, Long registeredMs, String state,
        String worker, String workerName, String handoverId, Long handedOverMs, String rescheduledTo, Long outcomeMs,
        String outcomeBy) {
    public static final String REGISTERED = "registered";
    public static final String HANDED_OVER = "handed_over";
    public static final String DELIVERED = "delivered";
    public static final String RESCHEDULED = "rescheduled";
    public static final String RETURNED = "returned";

    /** With a grid worker and not yet delivered or returned. */
    public boolean out() {
        return HANDED_OVER.equals(state) || RESCHEDULED.equals(state);
    }
}

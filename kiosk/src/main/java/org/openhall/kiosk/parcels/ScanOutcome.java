package org.openhall.kiosk.parcels;

/**
 * What became of one code from a window's serial scanner, for the parcel page to show: added to the open
 * hand-over ({@code error} null) or refused with the refusal's word and field. Carries no code, number or
 * resident: it goes to every page on the event stream, and the page reads the hand-over with its token.
 *
 * @param handoverId the window's open hand-over, null when none was open
 */
public record ScanOutcome(String window, String handoverId, String error, String field) {
    public boolean added() {
        return error == null;
    }
}

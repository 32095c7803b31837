package org.openhall.kiosk.printer;

/**
 * What the kiosk knows about its printer, with the wire names of the {@code printer.status} event
 * (interface.md section 3). {@link #NONE} is this kiosk's own word for "no printer configured"
 * ({@code printer.port = ""} outside simulation); it appears in health and telemetry, never in an event.
 */
public enum PrinterState {
    OK("ok"),
    PAPER_NEAR_END("paper_near_end"),
    PAPER_OUT("paper_out"),
    COVER_OPEN("cover_open"),
    OFFLINE("offline"),
    ERROR("error"),
    NONE("none");

    private final String wireName;

    PrinterState(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** A ticket may be printed: ok, or near end (print, and report it). */
    public boolean canPrint() {
        return this == OK || this == PAPER_NEAR_END;
    }

    /** The error word of a refused ticket: {@code printer_paper_out}, {@code printer_offline} … */
    public String refusalCode() {
        return "printer_" + wireName;
    }
}

package org.openhall.kiosk.printer;

import org.openhall.kiosk.refusals.Refusal;

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

    /** Why a ticket is refused in this state: {@code printer_paper_out}, {@code printer_offline} … */
    public Refusal refusal() {
        return switch (this) {
            case PAPER_OUT -> Refusal.PRINTER_PAPER_OUT;
            case COVER_OPEN -> Refusal.PRINTER_COVER_OPEN;
            case OFFLINE -> Refusal.PRINTER_OFFLINE;
            case ERROR -> Refusal.PRINTER_ERROR;
            default -> Refusal.PRINTER_UNAVAILABLE;
        };
    }
}

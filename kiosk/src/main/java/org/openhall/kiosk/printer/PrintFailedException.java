package org.openhall.kiosk.printer;

/** The printer did not take the bytes (unplugged, write error) or there is no printer. */
public final class PrintFailedException extends Exception {
    private final PrinterState state;

    public PrintFailedException(String message, PrinterState state) {
        super(message);
        this.state = state;
    }

    /** The printer's state after the failure. */
    public PrinterState state() {
        return state;
    }
}

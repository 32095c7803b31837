package org.openhall.kiosk.tickets;

/**
 * A ticket operation that was refused, with the contract's snake_case word: {@code unknown_category},
 * {@code printer_paper_out} (or another {@code printer_*} state), {@code printer_unavailable},
 * {@code invalid_argument}, {@code outbox_full}. Nothing changed when this is thrown.
 */
public final class TicketRefusedException extends RuntimeException {
    private final String code;

    public TicketRefusedException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}

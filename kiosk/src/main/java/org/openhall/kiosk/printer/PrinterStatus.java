package org.openhall.kiosk.printer;

/**
 * The printer's real-time status as decoded from its answers to DLE EOT 1 (printer status), DLE EOT 2
 * (offline cause) and DLE EOT 4 (roll paper sensor), bit by bit as the Epson ESC/POS Application
 * Programming Guide, "DLE EOT n: Transmit real-time status", documents them. Every answer byte has the
 * fixed pattern {@code 0xx1xx10}; a byte without it is not a status answer.
 */
public record PrinterStatus(
        boolean drawerPin3High,
        boolean offline,
        boolean waitingForOnlineRecovery,
        boolean feedButtonPressed,
        boolean coverOpen,
        boolean feedingByButton,
        boolean paperEndStop,
        boolean errorOccurred,
        boolean paperNearEnd,
        boolean paperEnd) {

    /** Bits 0 and 7 are always 0, bits 1 and 4 always 1 in every DLE EOT answer. */
    static final int FIXED_MASK = 0b1001_0011;
    static final int FIXED_BITS = 0b0001_0010;

    // DLE EOT 1, printer status
    static final int BIT_DRAWER_PIN3 = 1 << 2;
    static final int BIT_OFFLINE = 1 << 3;
    static final int BIT_WAITING_RECOVERY = 1 << 5;
    static final int BIT_FEED_BUTTON = 1 << 6;
    // DLE EOT 2, offline cause
    static final int BIT_COVER_OPEN = 1 << 2;
    static final int BIT_FEEDING_BY_BUTTON = 1 << 3;
    static final int BIT_PAPER_END_STOP = 1 << 5;
    static final int BIT_ERROR = 1 << 6;
    // DLE EOT 4, roll paper sensor: two bits each, both set when detected
    static final int BITS_NEAR_END = 0b0000_1100;
    static final int BITS_PAPER_END = 0b0110_0000;

    public static boolean wellFormed(int answer) {
        return (answer & FIXED_MASK) == FIXED_BITS;
    }

    /** Decodes the three answers; throws when one of them lacks the fixed bits. */
    public static PrinterStatus decode(int printer, int offlineCause, int paper) {
        for (int b : new int[] {printer, offlineCause, paper}) {
            if (!wellFormed(b)) {
                throw new IllegalArgumentException("not a DLE EOT status byte: 0x" + Integer.toHexString(b));
            }
        }
        return new PrinterStatus(
                (printer & BIT_DRAWER_PIN3) != 0,
                (printer & BIT_OFFLINE) != 0,
                (printer & BIT_WAITING_RECOVERY) != 0,
                (printer & BIT_FEED_BUTTON) != 0,
                (offlineCause & BIT_COVER_OPEN) != 0,
                (offlineCause & BIT_FEEDING_BY_BUTTON) != 0,
                (offlineCause & BIT_PAPER_END_STOP) != 0,
                (offlineCause & BIT_ERROR) != 0,
                (paper & BITS_NEAR_END) != 0,
                (paper & BITS_PAPER_END) != 0);
    }

    /** The one state that matters most to a resident, worst first. */
    public PrinterState state() {
        if (coverOpen) {
            return PrinterState.COVER_OPEN;
        }
        if (paperEnd || paperEndStop) {
            return PrinterState.PAPER_OUT;
        }
        if (errorOccurred) {
            return PrinterState.ERROR;
        }
        if (offline && !feedingByButton) {
            return PrinterState.OFFLINE;
        }
        return paperNearEnd ? PrinterState.PAPER_NEAR_END : PrinterState.OK;
    }
}

package org.openhall.kiosk.printer;

/**
 * The ESC/POS byte sequences the kiosk sends, named after their commands. References are to the Epson
 * "ESC/POS Command Reference" (TM printers); Chinese printers implement the same codes.
 */
final class EscPos {
    private EscPos() {}

    static final byte ESC = 0x1B;
    static final byte FS = 0x1C;
    static final byte GS = 0x1D;
    static final byte DLE = 0x10;
    static final byte EOT = 0x04;
    static final byte LF = 0x0A;

    /** ESC @: initialize printer (clears the buffer and modes). */
    static final byte[] ESC_AT_INIT = {ESC, '@'};
    /** FS &: select Kanji (here: Chinese GB) character mode, so 2- and 4-byte codes print as Hanzi. */
    static final byte[] FS_AMP_CHINESE_ON = {FS, '&'};
    /** FS .: cancel Kanji character mode, for single-byte code pages. */
    static final byte[] FS_DOT_CHINESE_OFF = {FS, '.'};
    /** ESC a n: select justification; n = 0 left, 1 centre, 2 right. */
    static final byte[] ESC_A_JUSTIFY = {ESC, 'a'};
    /** ESC E n: emphasized (bold) on when n = 1. */
    static final byte[] ESC_E_BOLD = {ESC, 'E'};
    /** GS ! n: character size; high nibble = width - 1, low nibble = height - 1 (1 to 8 each). */
    static final byte[] GS_BANG_SIZE = {GS, '!'};
    /** ESC d n: print and feed n lines. */
    static final byte[] ESC_D_FEED_LINES = {ESC, 'd'};
    /** GS V 66 n: function B, feed paper n motion units and cut, partial (the cut every cutter can do). */
    static final byte[] GS_V_FEED_AND_PARTIAL_CUT = {GS, 'V', 66};

    /** GS ( k: 2D symbol commands; every function starts with these bytes, then pL pH cn fn. */
    static final byte[] GS_PAREN_K = {GS, '(', 'k'};
    /** cn = 49: the QR Code symbol. */
    static final byte QR_CN = 49;
    /** Function 165 (fn = 65): select the model; n1 = 50 model 2, n2 = 0. */
    static final byte[] QR_FN_MODEL_2 = {QR_CN, 65, 50, 0};
    /** Function 167 (fn = 67): module size in dots, 1 to 16. */
    static final byte QR_FN_SIZE = 67;
    /** Function 169 (fn = 69): error correction level; 48 L, 49 M, 50 Q, 51 H. */
    static final byte QR_FN_ERROR_LEVEL = 69;
    static final byte QR_ERROR_LEVEL_M = 49;
    /** Function 180 (fn = 80, m = 48): store the symbol data; pL pH = data length + 3. */
    static final byte[] QR_FN_STORE = {QR_CN, 80, 48};
    /** Function 181 (fn = 81, m = 48): print the stored symbol. */
    static final byte[] QR_FN_PRINT = {QR_CN, 81, 48};

    /** DLE EOT n: transmit real-time status; n = 1 printer, 2 offline cause, 3 error cause, 4 roll paper. */
    static byte[] dleEot(int n) {
        return new byte[] {DLE, EOT, (byte) n};
    }
}

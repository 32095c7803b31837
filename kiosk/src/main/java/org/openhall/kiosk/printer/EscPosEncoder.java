package org.openhall.kiosk.printer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The ESC/POS encoder: a pure function from a {@link Receipt} to the bytes a printer gets. Text is encoded
 * in the configured charset; for the Chinese GB charsets Chinese mode is switched on (FS &) first.
 */
public final class EscPosEncoder {
    private static final Set<String> CHINESE = Set.of("GB18030", "GBK", "GB2312", "x-mswin-936");
    /** Feed before the cut, in motion units (about 3 mm on a 203 dpi printer). */
    static final int CUT_FEED = 24;

    private static final java.util.regex.Pattern CONTROL = java.util.regex.Pattern.compile("[\\x00-\\x1F\\x7F-\\x9F]");
    private final Charset charset;
    private final boolean chinese;

    public EscPosEncoder(Charset charset) {
        this.charset = charset;
        this.chinese = CHINESE.contains(charset.name());
    }

    public static EscPosEncoder forEncoding(String encoding) {
        return new EscPosEncoder(Charset.forName(encoding));
    }

    public boolean chineseMode() {
        return chinese;
    }

    public byte[] encode(Receipt receipt) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        out.writeBytes(EscPos.ESC_AT_INIT);
        out.writeBytes(chinese ? EscPos.FS_AMP_CHINESE_ON : EscPos.FS_DOT_CHINESE_OFF);
        for (Receipt.Block block : receipt.blocks()) {
            switch (block) {
                case Receipt.Text t -> text(out, t);
                case Receipt.Qr q -> qr(out, q);
                case Receipt.Feed f -> command(out, EscPos.ESC_D_FEED_LINES, f.lines());
                case Receipt.Cut c -> command(out, EscPos.GS_V_FEED_AND_PARTIAL_CUT, CUT_FEED);
            }
        }
        return out.toByteArray();
    }

    private void text(ByteArrayOutputStream out, Receipt.Text t) {
        command(out, EscPos.ESC_A_JUSTIFY, t.align() == Receipt.Align.CENTER ? 1 : 0);
        command(out, EscPos.ESC_E_BOLD, t.bold() ? 1 : 0);
        command(out, EscPos.GS_BANG_SIZE, (t.scale() - 1) << 4 | (t.scale() - 1));
        out.writeBytes(printable(t.text()).getBytes(charset));
        out.write(EscPos.LF);
    }

    /**
     * 4-byte GB18030 codes misprint on 2-byte printers: use the full-width forms they all have. A control
     * character would be a printer command ({@code ESC d n} feeds n lines): the configuration refuses them, and
     * any that still come (a category list stored before that rule) print as '?'.
     */
    private String printable(String text) {
        String plain = withoutControls(text);
        return chinese ? plain.replace('\u00A5', '\uFFE5') : plain;
    }

    private static String withoutControls(String text) {
        return CONTROL.matcher(text).replaceAll("?");
    }

    private static void qr(ByteArrayOutputStream out, Receipt.Qr q) {
        // the printer acts on DLE EOT wherever it occurs, even inside QR data
        byte[] data = withoutControls(q.content()).getBytes(StandardCharsets.UTF_8);
        command(out, EscPos.ESC_A_JUSTIFY, 1);
        symbol(out, EscPos.QR_FN_MODEL_2);
        symbol(out, new byte[] {EscPos.QR_CN, EscPos.QR_FN_SIZE, (byte) q.moduleDots()});
        symbol(out, new byte[] {EscPos.QR_CN, EscPos.QR_FN_ERROR_LEVEL, EscPos.QR_ERROR_LEVEL_M});
        byte[] store = new byte[EscPos.QR_FN_STORE.length + data.length];
        System.arraycopy(EscPos.QR_FN_STORE, 0, store, 0, EscPos.QR_FN_STORE.length);
        System.arraycopy(data, 0, store, EscPos.QR_FN_STORE.length, data.length);
        symbol(out, store);
        symbol(out, EscPos.QR_FN_PRINT);
        out.write(EscPos.LF);
    }

    /** GS ( k pL pH followed by cn fn and parameters; pL pH count the bytes after themselves. */
    private static void symbol(ByteArrayOutputStream out, byte[] body) {
        out.writeBytes(EscPos.GS_PAREN_K);
        out.write(body.length & 0xFF);
        out.write(body.length >> 8 & 0xFF);
        out.writeBytes(body);
    }

    private static void command(ByteArrayOutputStream out, byte[] prefix, int n) {
        out.writeBytes(prefix);
        out.write(n);
    }

    /** The three real-time status queries, each to be sent alone and answered before the next. */
    public static byte[] statusQuery(int n) {
        return EscPos.dleEot(n);
    }
}

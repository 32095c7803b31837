package org.openhall.kiosk.printer.preview;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openhall.kiosk.printer.Receipt;

/**
 * Draws a {@link Receipt} as the printer would, one pixel per printer dot: {@code columns × 12} dots wide
 * (Font A is 12 × 24 dots; a Hanzi 24 × 24), text scaled like GS !, the QR code at its module size. Chinese
 * needs a CJK font (Noto CJK, WenQuanYi …); without one the Hanzi show as boxes and the rest still helps.
 */
public final class ReceiptImage {
    public static final int DOTS_PER_COLUMN = 12;
    static final int LINE_DOTS = 30;
    static final int QUIET_MODULES = 4;
    private static final List<String> CJK_FONTS = List.of("Noto Sans Mono CJK SC", "Noto Sans CJK SC",
            "Noto Serif CJK SC", "WenQuanYi Zen Hei Mono", "WenQuanYi Micro Hei", "AR PL UMing CN", "Droid Sans Fallback");

    private final String fontFamily;

    private ReceiptImage(String fontFamily) {
        this.fontFamily = fontFamily;
    }

    /** Picks the first installed CJK font, else the JDK's monospaced font. */
    public static ReceiptImage withInstalledFonts() {
        Set<String> installed = Set.of(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames());
        return new ReceiptImage(CJK_FONTS.stream().filter(installed::contains).findFirst().orElse(Font.MONOSPACED));
    }

    public String fontFamily() {
        return fontFamily;
    }

    public BufferedImage render(Receipt receipt) {
        int width = receipt.columns() * DOTS_PER_COLUMN;
        List<Drawn> drawn = new ArrayList<>();
        int height = LINE_DOTS;
        for (Receipt.Block block : receipt.blocks()) {
            Drawn d = measure(block);
            drawn.add(d);
            height += d.height;
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            int y = LINE_DOTS / 2;
            for (Drawn d : drawn) {
                draw(g, d, width, y);
                y += d.height;
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private record Drawn(Receipt.Block block, int height, ByteMatrix qr) {}

    private Drawn measure(Receipt.Block block) {
        return switch (block) {
            case Receipt.Text t -> new Drawn(t, 24 * t.scale() + 6, null);
            case Receipt.Qr q -> {
                ByteMatrix m = qrMatrix(q.content());
                yield new Drawn(q, (m.getHeight() + 2 * QUIET_MODULES) * q.moduleDots(), m);
            }
            case Receipt.Feed f -> new Drawn(f, f.lines() * LINE_DOTS, null);
            case Receipt.Cut c -> new Drawn(c, LINE_DOTS, null);
        };
    }

    /** The QR symbol a model 2, level M printer would draw for this content (byte mode, UTF-8). */
    public static ByteMatrix qrMatrix(String content) {
        try {
            return Encoder.encode(content, ErrorCorrectionLevel.M, Map.of(EncodeHintType.CHARACTER_SET, "UTF-8")).getMatrix();
        } catch (WriterException e) {
            throw new IllegalArgumentException("QR content cannot be encoded: " + e.getMessage(), e);
        }
    }

    private void draw(Graphics2D g, Drawn d, int width, int y) {
        switch (d.block) {
            case Receipt.Text t -> {
                g.setFont(new Font(fontFamily, t.bold() ? Font.BOLD : Font.PLAIN, 22 * t.scale()));
                FontMetrics fm = g.getFontMetrics();
                int x = t.align() == Receipt.Align.CENTER ? Math.max(0, (width - fm.stringWidth(t.text())) / 2) : 0;
                g.drawString(t.text(), x, y + fm.getAscent());
            }
            case Receipt.Qr q -> {
                int dots = q.moduleDots();
                int size = d.qr.getWidth() * dots;
                int left = (width - size) / 2;
                int top = y + QUIET_MODULES * dots;
                for (int row = 0; row < d.qr.getHeight(); row++) {
                    for (int col = 0; col < d.qr.getWidth(); col++) {
                        if (d.qr.get(col, row) == 1) {
                            g.fillRect(left + col * dots, top + row * dots, dots, dots);
                        }
                    }
                }
            }
            case Receipt.Feed f -> { }
            case Receipt.Cut c -> {
                g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {6f, 6f}, 0f));
                g.drawLine(0, y + LINE_DOTS / 2, width, y + LINE_DOTS / 2);
            }
        }
    }
}

package org.openhall.kiosk.printer;

import java.util.ArrayList;
import java.util.List;

/**
 * Column widths on a receipt printer: ASCII and Latin take one column, Hanzi and full-width forms two
 * (the printer's 24-dot Chinese font is twice as wide as its 12-dot ASCII font).
 */
public final class TextWidth {
    private TextWidth() {}

    public static int of(String text) {
        return text.codePoints().map(TextWidth::of).sum();
    }

    static int of(int codePoint) {
        boolean wide = codePoint >= 0x1100 && codePoint <= 0x115F        // Hangul Jamo
                || codePoint >= 0x2E80 && codePoint <= 0xA4CF              // CJK radicals … Yi, incl. Hanzi, kana, CJK punctuation
                || codePoint >= 0xAC00 && codePoint <= 0xD7A3              // Hangul syllables
                || codePoint >= 0xF900 && codePoint <= 0xFAFF              // CJK compatibility ideographs
                || codePoint >= 0xFE30 && codePoint <= 0xFE4F              // CJK compatibility forms
                || codePoint >= 0xFF01 && codePoint <= 0xFF60              // full-width ASCII
                || codePoint >= 0xFFE0 && codePoint <= 0xFFE6              // full-width signs (￥)
                || codePoint >= 0x20000 && codePoint <= 0x3FFFD;           // CJK extension planes
        return wide ? 2 : 1;
    }

    /** Splits text into lines of at most {@code columns}, breaking at spaces where possible. */
    public static List<String> wrap(String text, int columns) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int width = 0;
        int lastSpace = -1;
        for (int cp : text.codePoints().toArray()) {
            int w = of(cp);
            if (width + w > columns && width > 0) {
                if (cp == ' ') {
                    lines.add(line.toString().stripTrailing());
                    line.setLength(0);
                    width = 0;
                    lastSpace = -1;
                    continue;
                }
                String carry = "";
                if (lastSpace > 0) {
                    carry = line.substring(lastSpace + 1);
                    line.setLength(lastSpace);
                }
                lines.add(line.toString().stripTrailing());
                line.setLength(0);
                line.append(carry);
                width = of(carry);
                lastSpace = -1;
            }
            if (cp == ' ') {
                lastSpace = line.length();
            }
            line.appendCodePoint(cp);
            width += w;
        }
        if (!line.isEmpty() || lines.isEmpty()) {
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }
}

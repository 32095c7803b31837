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
        Character.UnicodeBlock block = Character.UnicodeBlock.of(codePoint);
        if (codePoint >= 0x1100 && (block == Character.UnicodeBlock.CJK_UNIFIED_IDEOGRAPHS
                || block == Character.UnicodeBlock.CJK_UNIFIED_IDEOGRAPHS_EXTENSION_A
                || block == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
                || block == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS && codePoint < 0xFF61
                || block == Character.UnicodeBlock.CJK_COMPATIBILITY_IDEOGRAPHS
                || block == Character.UnicodeBlock.HANGUL_SYLLABLES
                || block == Character.UnicodeBlock.HIRAGANA || block == Character.UnicodeBlock.KATAKANA
                || Character.isSupplementaryCodePoint(codePoint))) {
            return 2;
        }
        return 1;
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

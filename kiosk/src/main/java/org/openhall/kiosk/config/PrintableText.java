package org.openhall.kiosk.config;

/**
 * Text that goes to the printer must carry no control character: C0 (U+0000-U+001F, so also tab and line
 * feed), DEL (U+007F) or C1 (U+0080-U+009F). An ESC/POS printer acts on such bytes as commands (one
 * {@code ESC d 127} feeds 127 lines), so a category name or footer with them could empty the paper roll.
 */
public final class PrintableText {
    public static final String EXPECTATION = "no control characters (line breaks, tabs, escape codes)";

    private PrintableText() {}

    public static boolean clean(String text) {
        return text.chars().noneMatch(PrintableText::isControl);
    }

    /** The text with each control character written as {@code \\uXXXX}: safe in an error message on a terminal. */
    public static String escaped(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.chars().forEach(c -> {
            if (isControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.append((char) c);
            }
        });
        return out.toString();
    }

    private static boolean isControl(int c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F);
    }
}

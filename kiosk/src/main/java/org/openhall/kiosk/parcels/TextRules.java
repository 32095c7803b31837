package org.openhall.kiosk.parcels;

/**
 * The checks every text a parcel carries passes before anything is stored or printed: trimmed, not blank
 * where required, at most a number of characters (code points), and no control character (Unicode Cc, and
 * the line and paragraph separators): nothing that could reach the printer as a command or split a log line.
 */
final class TextRules {
    private TextRules() {}

    /** The trimmed text; refused when blank, too long or carrying a control character. */
    static String required(String field, String value, int maxChars) {
        String text = optional(field, value, maxChars);
        if (text.isEmpty()) {
            throw ParcelRefusedException.invalid(field, "required");
        }
        return text;
    }

    /** The trimmed text, "" when absent. */
    static String optional(String field, String value, int maxChars) {
        if (value == null) {
            return "";
        }
        if (hasControl(value)) {
            throw ParcelRefusedException.invalid(field, "contains a control character");
        }
        String text = value.strip();
        int length = text.codePointCount(0, text.length());
        if (length > maxChars) {
            throw ParcelRefusedException.invalid(field, "at most " + maxChars + " characters, got " + length);
        }
        return text;
    }

    static boolean hasControl(String value) {
        return value.codePoints().anyMatch(cp -> Character.getType(cp) == Character.CONTROL
                || cp == '\u2028' || cp == '\u2029');
    }
}

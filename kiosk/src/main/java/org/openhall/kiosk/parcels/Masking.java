package org.openhall.kiosk.parcels;

/**
 * How a resident's name and phone appear wherever the kiosk shows, prints or sends them (the full values go
 * only to the centre, docs/parcels.md). Names count characters (code points, so 𠀀-plane Hanzi count once):
 * <ul>
 *   <li>1 character: {@code *} (nothing of it shown);</li>
 *   <li>2 characters: the first, then {@code *} (朱荣 → 朱*);</li>
 *   <li>3 characters: first, {@code *}, last (朱晓荣 → 朱*荣);</li>
 *   <li>4 or more: first, {@code **}, last, whatever the length, so the length is not told
 *       (欧阳晓荣 → 欧**荣, Maria Gonzalez → M**z).</li>
 * </ul>
 * Phones keep their digits only (spaces, dashes, brackets and a leading + dropped), then:
 * <ul>
 *   <li>11 digits or more: the first 3 and the last 4, a {@code *} for each digit between
 *       (13812341234 → 138****1234);</li>
 *   <li>7 to 10 digits (landlines): the last 4, a {@code *} for each digit before (82345678 → ****5678);</li>
 *   <li>fewer than 7: the last 2, a {@code *} for each digit before (12345 → ***45).</li>
 * </ul>
 */
public final class Masking {
    private Masking() {}

    public static String name(String name) {
        int[] cp = name.strip().codePoints().toArray();
        return switch (cp.length) {
            case 0 -> "";
            case 1 -> "*";
            case 2 -> str(cp[0]) + "*";
            case 3 -> str(cp[0]) + "*" + str(cp[2]);
            default -> str(cp[0]) + "**" + str(cp[cp.length - 1]);
        };
    }

    public static String phone(String phone) {
        String digits = digits(phone);
        int n = digits.length();
        if (n >= 11) {
            return digits.substring(0, 3) + "*".repeat(n - 7) + digits.substring(n - 4);
        }
        int shown = n >= 7 ? 4 : Math.min(2, n);
        return "*".repeat(n - shown) + digits.substring(n - shown);
    }

    /** The digits of a phone number, in order. */
    static String digits(String phone) {
        StringBuilder b = new StringBuilder();
        phone.chars().filter(ch -> ch >= '0' && ch <= '9').forEach(ch -> b.append((char) ch));
        return b.toString();
    }

    private static String str(int codePoint) {
        return new String(Character.toChars(codePoint));
    }
}

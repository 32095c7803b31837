package org.openhall.kiosk.parcels;

import java.util.regex.Pattern;

/**
 * What the clerk types for a parcel, checked: the matter (事项), the resident's name, phone and address, and
 * an optional note. The name, phone, address and note are personal: they leave the kiosk only inside the
 * {@code personal} object of {@code parcel.registered}, and the kiosk keeps none of them (docs/parcels.md).
 */
public record ParcelInput(String matter, String residentName, String phone, String address, String note) {
    public static final int MATTER_MAX = 64;
    public static final int NAME_MAX = 32;
    public static final int ADDRESS_MAX = 128;
    public static final int NOTE_MAX = 200;
    /** Digits with the usual separators and an optional leading +; 5 to 20 digits. */
    private static final Pattern PHONE = Pattern.compile("^\\+?[0-9][0-9 ()-]{3,28}$");

    /** Checks and normalises the raw fields (trimmed; the phone as written, separators kept). */
    public static ParcelInput of(String matter, String residentName, String phone, String address, String note) {
        String m = TextRules.required("matter", matter, MATTER_MAX);
        String n = TextRules.required("residentName", residentName, NAME_MAX);
        String p = TextRules.required("phone", phone, 30);
        int digits = Masking.digits(p).length();
        if (!PHONE.matcher(p).matches() || digits < 5 || digits > 20) {
            throw ParcelRefusedException.invalid("phone", "5 to 20 digits, optionally with + - ( ) and spaces");
        }
        String a = TextRules.required("address", address, ADDRESS_MAX);
        String o = TextRules.optional("note", note, NOTE_MAX);
        return new ParcelInput(m, n, p, a, o);
    }

    public String maskedName() {
        return Masking.name(residentName);
    }

    public String maskedPhone() {
        return Masking.phone(phone);
    }

    /** Never the personal fields: a record's toString ends up in logs and exception messages. */
    @Override
    public String toString() {
        return "ParcelInput[matter=" + matter + ", resident=" + maskedName() + "]";
    }
}

package org.openhall.kiosk.parcels;

import java.util.regex.Pattern;

/** A grid worker (网格员) who may take parcels, as the centre's {@code workers} command lists them. */
public record Worker(String id, String name) {
    public static final Pattern ID = Pattern.compile("^[A-Za-z0-9_-]{1,32}$");
    public static final int NAME_MAX = 32;

    public static Worker of(String id, String name) {
        if (id == null || !ID.matcher(id).matches()) {
            throw ParcelRefusedException.invalid("id", "1 to 32 of A-Z a-z 0-9 _ -");
        }
        return new Worker(id, TextRules.required("name", name, NAME_MAX));
    }
}

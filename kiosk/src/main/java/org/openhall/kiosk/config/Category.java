package org.openhall.kiosk.config;

import java.util.regex.Pattern;

/** A service category residents take tickets for; {@code code} is one capital letter. */
public record Category(String code, String name, String nameEn) {
    public static final Pattern CODE = Pattern.compile("^[A-Z]$");
}

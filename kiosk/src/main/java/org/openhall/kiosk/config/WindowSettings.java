package org.openhall.kiosk.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One service window ({@code [[windows]]}): what it is called on the hall screen and in the voice, the
 * categories its "next" calls from (empty: all), its GPIO caller keys (action name to BCM pin, any subset of
 * {@link #KEYS}), the clerk page's token ({@code null}: no clerk page) and its serial barcode scanner
 * ({@link ScannerSettings#NONE}: none).
 */
public record WindowSettings(String id, String name, String nameEn, List<String> categories,
        Map<String, Integer> caller, String token, ScannerSettings scanner) {

    /** The caller keys a window may have, in the order the clerk page shows them (F1-F4). */
    public static final List<String> KEYS = List.of("next", "recall", "no_show", "pause");

    public WindowSettings {
        categories = List.copyOf(categories);
        caller = Collections.unmodifiableMap(new LinkedHashMap<>(caller));
        scanner = scanner == null ? ScannerSettings.NONE : scanner;
    }

    /** The window a kiosk without {@code [[windows]]} uses for any id a command names: all categories. */
    public static WindowSettings implicit(String id) {
        return new WindowSettings(id, id + "号窗口", "Window " + id, List.of(), Map.of(), null, ScannerSettings.NONE);
    }

    @Override
    public String toString() {
        return "WindowSettings[id=" + id + ", categories=" + categories + ", caller=" + caller
                + ", token=" + (token == null ? "none" : "***") + ", scanner=" + scanner + "]";
    }
}

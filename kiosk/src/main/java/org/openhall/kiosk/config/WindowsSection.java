package org.openhall.kiosk.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Parses {@code [[windows]]} and {@code [display]} (interface.md section 7) into settings, errors by key path. */
final class WindowsSection {
    private static final int MAX_TOKEN = 256;

    private final List<Section> tables;
    private final Set<String> categoryCodes = new HashSet<>();

    WindowsSection(List<Section> tables, List<Category> categories) {
        this.tables = tables;
        categories.forEach(c -> categoryCodes.add(c.code()));
    }

    List<WindowSettings> parse() {
        List<WindowSettings> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Section t : tables) {
            String id = t.required("id", v -> ConfigLoader.WINDOW.matcher(v).matches(), "1 to 16 letters, digits, '_' or '-'");
            if (id != null && !ids.add(id)) {
                t.error("id", "duplicate window \"" + id + "\"");
            }
            String name = t.string("name", id + "号窗口", v -> !v.isBlank() && v.length() <= 32 && noControl(v),
                    "a name of 1 to 32 characters");
            String nameEn = t.string("name_en", "Window " + id, v -> !v.isBlank() && v.length() <= 48 && noControl(v),
                    "a name of 1 to 48 characters");
            List<String> categories = t.strings("categories", List.of());
            for (int i = 0; i < categories.size(); i++) {
                if (!categoryCodes.contains(categories.get(i))) {
                    t.error("categories[" + i + "]", "\"" + categories.get(i) + "\" is not the code of a [[queue.categories]] entry");
                }
            }
            Map<String, Integer> caller = caller(t.table("caller"));
            String token = token(t);
            ScannerSettings scanner = scanner(t);
            t.finish();
            if (id != null) {
                out.add(new WindowSettings(id, name, nameEn, categories, caller, token, scanner));
            }
        }
        return out;
    }

    private static boolean noControl(String v) {
        return v.chars().noneMatch(Character::isISOControl);
    }

    private static Map<String, Integer> caller(Section s) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String key : WindowSettings.KEYS) {
            if (s.has(key)) {
                out.put(key, s.integer(key, -1, ConfigLoader.MIN_PIN, ConfigLoader.MAX_PIN));
            }
        }
        for (String name : s.keys()) {
            if (!WindowSettings.KEYS.contains(name)) {
                s.raw(name);
                s.error(name, "unknown caller key: use " + String.join(", ", WindowSettings.KEYS));
            }
        }
        return out;
    }

    /** The token file's content, stripped; null for "" (no clerk page). An unreadable or empty file is an error. */
    private static String token(Section t) {
        String file = t.string("token_file", "");
        if (file == null || file.isBlank()) {
            return null;
        }
        try {
            String token = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
            if (token.length() < 8 || token.length() > MAX_TOKEN || !token.chars().allMatch(c -> c > 32 && c < 127)) {
                t.error("token_file", "\"" + file + "\" must hold one token of 8 to " + MAX_TOKEN + " printable ASCII characters");
                return null;
            }
            return token;
        } catch (IOException | RuntimeException e) {
            t.error("token_file", "cannot read \"" + file + "\": " + e.getMessage());
            return null;
        }
    }

    /**
     * {@code scanner} (a device path, "" for none) and {@code scanner_baud}. A scanner feeds the window's open
     * hand-over, which only the clerk page opens: without {@code token_file} it could never be used.
     */
    private static ScannerSettings scanner(Section t) {
        String port = t.string("scanner", "", v -> v.isEmpty() || (v.startsWith("/") && v.length() <= 4096 && noControl(v)),
                "an absolute device path such as \"/dev/ttyACM0\" or \"/dev/serial/by-id/…\", or \"\" for none");
        int baud = t.integer("scanner_baud", ScannerSettings.DEFAULT_BAUD, 1_200, 115_200);
        if (t.has("scanner_baud") && !ScannerSettings.BAUDS.contains(baud)) {
            t.error("scanner_baud", baud + " is not a standard rate: use one of " + new TreeSet<>(ScannerSettings.BAUDS));
        }
        if (port == null || port.isEmpty()) {
            return ScannerSettings.NONE;
        }
        if (t.raw("token_file").asText("").isBlank()) {
            t.error("scanner", "a scanner adds parcels to the hand-over opened on the clerk page: set token_file too");
        }
        return new ScannerSettings(port, ScannerSettings.BAUDS.contains(baud) ? baud : ScannerSettings.DEFAULT_BAUD);
    }

    /** No two windows share a scanner, and none is the printer's port. */
    static void checkScanners(List<WindowSettings> windows, String printerPort, List<ConfigError> errors) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < windows.size(); i++) {
            String port = windows.get(i).scanner().port();
            if (port.isEmpty()) {
                continue;
            }
            Integer before = seen.putIfAbsent(port, i);
            if (before != null) {
                errors.add(new ConfigError("windows[" + i + "].scanner", "\"" + port + "\" is already the scanner of windows["
                        + before + "]: each window needs its own"));
            }
            if (port.equals(printerPort)) {
                errors.add(new ConfigError("windows[" + i + "].scanner", "\"" + port + "\" is printer.port"));
            }
        }
    }

    static DisplaySettings display(Section s) {
        DisplaySettings d = DisplaySettings.defaults();
        String voice = s.string("voice", d.voice(), DisplaySettings.VOICES::contains, "one of \"zh\", \"zh+en\" or \"off\"");
        int repeat = s.integer("repeat", d.repeat(), 1, 5);
        int recent = s.integer("recent", d.recent(), 1, 20);
        String engine = s.string("speech_engine", d.speechEngine());
        s.finish();
        return new DisplaySettings(DisplaySettings.VOICES.contains(voice) ? voice : d.voice(), repeat, recent,
                engine == null ? "" : engine);
    }

    /** With {@code [[windows]]}, every evaluator's window must be one of them. */
    static void checkEvaluatorWindows(List<WindowSettings> windows, List<EvaluatorSettings> evaluators, List<ConfigError> errors) {
        if (windows.isEmpty()) {
            return;
        }
        Set<String> ids = new HashSet<>();
        windows.forEach(w -> ids.add(w.id()));
        for (int i = 0; i < evaluators.size(); i++) {
            String window = evaluators.get(i).window();
            if (window != null && !ids.contains(window)) {
                errors.add(new ConfigError("evaluators[" + i + "].window",
                        "\"" + window + "\" is not the id of a [[windows]] entry"));
            }
        }
    }
}

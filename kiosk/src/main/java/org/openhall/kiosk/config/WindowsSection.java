package org.openhall.kiosk.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
            t.finish();
            if (id != null) {
                out.add(new WindowSettings(id, name, nameEn, categories, caller, token));
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

package org.openhall.kiosk.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads typed values out of one TOML table, recording an error (with the full key path) for every value
 * of the wrong type or out of range, and, on {@link #finish()}, for every key nobody asked for.
 */
final class Section {
    private final String path;
    private final JsonNode node;
    private final List<ConfigError> errors;
    private final Set<String> read = new HashSet<>();

    Section(String path, JsonNode node, List<ConfigError> errors) {
        this.path = path;
        this.errors = errors;
        if (node == null || node.isMissingNode() || node.isNull()) {
            this.node = MissingNode.getInstance();
        } else if (!node.isObject()) {
            errors.add(new ConfigError(path, "must be a table, got " + describe(node)));
            this.node = MissingNode.getInstance();
        } else {
            this.node = node;
        }
    }

    String key(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    boolean has(String name) {
        return node.has(name);
    }

    JsonNode raw(String name) {
        read.add(name);
        return node.path(name);
    }

    void error(String name, String message) {
        errors.add(new ConfigError(key(name), message));
    }

    String string(String name, String fallback) {
        JsonNode value = raw(name);
        if (value.isMissingNode()) {
            return fallback;
        }
        if (!value.isTextual()) {
            error(name, "must be a string, got " + describe(value));
            return fallback;
        }
        return value.asText();
    }

    String string(String name, String fallback, Predicate<String> valid, String expectation) {
        String value = string(name, fallback);
        if (value != null && !valid.test(value)) {
            error(name, "\"" + PrintableText.escaped(value) + "\" is invalid: " + expectation);
        }
        return value;
    }

    String required(String name, Predicate<String> valid, String expectation) {
        if (!node.has(name)) {
            read.add(name);
            error(name, "is required: " + expectation);
            return null;
        }
        return string(name, null, valid, expectation);
    }

    long integer(String name, long fallback, long min, long max) {
        JsonNode value = raw(name);
        if (value.isMissingNode()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            error(name, "must be an integer from " + min + " to " + max + ", got " + describe(value));
            return fallback;
        }
        long number = value.asLong();
        if (number < min || number > max) {
            error(name, number + " is out of range: must be from " + min + " to " + max);
            return fallback;
        }
        return number;
    }

    int integer(String name, int fallback, int min, int max) {
        return (int) integer(name, (long) fallback, min, max);
    }

    Integer optionalPin(String name) {
        if (!node.has(name)) {
            read.add(name);
            return null;
        }
        return integer(name, -1, ConfigLoader.MIN_PIN, ConfigLoader.MAX_PIN);
    }

    boolean bool(String name, boolean fallback) {
        JsonNode value = raw(name);
        if (value.isMissingNode()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            error(name, "must be true or false, got " + describe(value));
            return fallback;
        }
        return value.asBoolean();
    }

    List<String> strings(String name, List<String> fallback) {
        JsonNode value = raw(name);
        if (value.isMissingNode()) {
            return fallback;
        }
        if (!value.isArray()) {
            error(name, "must be an array of strings, got " + describe(value));
            return fallback;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isTextual()) {
                errors.add(new ConfigError(key(name) + "[" + i + "]", "must be a string, got " + describe(item)));
            } else {
                out.add(item.asText());
            }
        }
        return out;
    }

    /** Tables of an array of tables ({@code [[name]]}), each wrapped as a Section with an indexed path. */
    List<Section> tables(String name) {
        JsonNode value = raw(name);
        List<Section> out = new ArrayList<>();
        if (value.isMissingNode()) {
            return out;
        }
        if (!value.isArray()) {
            error(name, "must be an array of tables ([[" + key(name) + "]]), got " + describe(value));
            return out;
        }
        for (int i = 0; i < value.size(); i++) {
            out.add(new Section(key(name) + "[" + i + "]", value.get(i), errors));
        }
        return out;
    }

    Section table(String name) {
        return new Section(key(name), raw(name), errors);
    }

    /** Names of the keys of this table, in file order. */
    List<String> keys() {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Reports every key that was present but never read: unknown keys are errors, not warnings. */
    void finish() {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!read.contains(name)) {
                error(name, "unknown key");
            }
        }
    }

    static String describe(JsonNode value) {
        if (value.isTextual()) {
            return "string \"" + value.asText() + "\"";
        }
        if (value.isContainerNode()) {
            return value.isArray() ? "an array" : "a table";
        }
        return value.getNodeType().name().toLowerCase() + " " + value;
    }
}

package org.openhall.centre.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** Typed reads out of one TOML table; every wrong value and every unknown key becomes a problem with its full key. */
final class Table {
    private final String name;
    private final JsonNode node;
    private final List<ConfigProblem> problems;
    private final Set<String> read = new HashSet<>();

    Table(String name, JsonNode node, List<ConfigProblem> problems) {
        this.name = name;
        this.problems = problems;
        if (node == null || node.isMissingNode()) {
            this.node = MissingNode.getInstance();
        } else if (!node.isObject()) {
            problems.add(new ConfigProblem(name, "must be a table"));
            this.node = MissingNode.getInstance();
        } else {
            this.node = node;
        }
    }

    String key(String field) {
        return name + "." + field;
    }

    void problem(String field, String message) {
        problems.add(new ConfigProblem(key(field), message));
    }

    String string(String field, String fallback) {
        read.add(field);
        JsonNode value = node.path(field);
        if (value.isMissingNode()) {
            return fallback;
        }
        if (!value.isTextual()) {
            problem(field, "must be a string");
            return fallback;
        }
        return value.asText();
    }

    String string(String field, String fallback, Predicate<String> valid, String expectation) {
        String value = string(field, fallback);
        if (value != null && !valid.test(value)) {
            problem(field, "\"" + value + "\" is invalid: " + expectation);
            return fallback;
        }
        return value;
    }

    String required(String field, Predicate<String> valid, String expectation) {
        if (!node.has(field)) {
            read.add(field);
            problem(field, "is required: " + expectation);
            return null;
        }
        return string(field, null, valid, expectation);
    }

    int integer(String field, int fallback, int min, int max) {
        read.add(field);
        JsonNode value = node.path(field);
        if (value.isMissingNode()) {
            return fallback;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < min || value.asInt() > max) {
            problem(field, "must be a whole number from " + min + " to " + max);
            return fallback;
        }
        return value.asInt();
    }

    List<String> strings(String field, List<String> fallback) {
        read.add(field);
        JsonNode value = node.path(field);
        if (value.isMissingNode()) {
            return fallback;
        }
        if (!value.isArray() || value.isEmpty()) {
            problem(field, "must be a non-empty list of strings");
            return fallback;
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                problem(field, "must be a non-empty list of strings");
                return fallback;
            }
            out.add(item.asText());
        }
        return out;
    }

    /** Records every key of this table that no reader asked for. */
    void finish() {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!read.contains(field)) {
                problem(field, "unknown key");
            }
        }
    }
}

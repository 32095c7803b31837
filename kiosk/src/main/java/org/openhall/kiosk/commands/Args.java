package org.openhall.kiosk.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Typed reads of command arguments; every failure is an {@code invalid_argument} naming the argument. */
public final class Args {
    private final ObjectNode args;

    public Args(ObjectNode args) {
        this.args = args;
    }

    public String string(String name, Pattern valid, String expectation) throws CommandException {
        JsonNode value = args.get(name);
        if (value == null || value.isNull()) {
            throw CommandException.invalid(name, "required, " + expectation);
        }
        return check(name, value, valid, expectation);
    }

    /** Null when absent or JSON null. */
    public String optionalString(String name, Pattern valid, String expectation) throws CommandException {
        JsonNode value = args.get(name);
        return value == null || value.isNull() ? null : check(name, value, valid, expectation);
    }

    /** An empty list when absent. */
    public List<String> optionalStrings(String name, Pattern valid, String expectation) throws CommandException {
        JsonNode value = args.get(name);
        List<String> out = new ArrayList<>();
        if (value == null || value.isNull()) {
            return out;
        }
        if (!value.isArray() || value.size() > 26) {
            throw CommandException.invalid(name, "must be an array of at most 26 strings, " + expectation);
        }
        for (JsonNode item : value) {
            out.add(check(name, item, valid, expectation));
        }
        return out;
    }

    public JsonNode raw(String name) {
        return args.get(name);
    }

    private static String check(String name, JsonNode value, Pattern valid, String expectation) throws CommandException {
        if (!value.isTextual() || !valid.matcher(value.asText()).matches()) {
            throw CommandException.invalid(name, expectation);
        }
        return value.asText();
    }
}

package org.openhall.kiosk.config;

import java.util.List;

/** Thrown when a configuration has one or more errors; carries all of them, not just the first. */
public final class InvalidConfigException extends Exception {
    private final String source;
    private final List<ConfigError> errors;

    public InvalidConfigException(String source, List<ConfigError> errors) {
        super(source + ": " + errors.size() + " error(s): " + errors);
        this.source = source;
        this.errors = List.copyOf(errors);
    }

    public String source() {
        return source;
    }

    public List<ConfigError> errors() {
        return errors;
    }

    /** One line per error, each naming the file and the key. */
    public String report() {
        StringBuilder out = new StringBuilder();
        for (ConfigError error : errors) {
            out.append(source).append(": ").append(error).append('\n');
        }
        return out.toString();
    }
}

package org.openhall.centre.config;

import java.util.List;

/** The configuration has one or more bad keys; carries all of them. */
public final class BadConfigException extends Exception {
    private final String source;
    private final List<ConfigProblem> problems;

    public BadConfigException(String source, List<ConfigProblem> problems) {
        super(source + ": " + problems);
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    /** One line per bad key, each naming the file. */
    public String report() {
        StringBuilder out = new StringBuilder();
        problems.forEach(p -> out.append(source).append(": ").append(p).append('\n'));
        return out.toString();
    }
}

package org.openhall.centre.config;

/** One bad key of the centre's configuration and what would be valid. */
public record ConfigProblem(String key, String message) {
    @Override
    public String toString() {
        return key + ": " + message;
    }
}

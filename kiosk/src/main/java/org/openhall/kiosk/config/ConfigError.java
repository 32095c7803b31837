package org.openhall.kiosk.config;

/** One problem in a configuration file: the key path, the bad value (may be null) and what would be valid. */
public record ConfigError(String key, String message) {
    @Override
    public String toString() {
        return key + ": " + message;
    }
}

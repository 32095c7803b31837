package org.openhall.centre.accounts;

import java.util.Locale;
import java.util.Optional;

/** What a user or token may do: viewers read, supervisors also handle alarms and cases, admins also send commands. */
public enum Role {
    VIEWER, SUPERVISOR, ADMIN;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean atLeast(Role other) {
        return compareTo(other) >= 0;
    }

    public static Optional<Role> of(String word) {
        for (Role r : values()) {
            if (r.word().equals(word)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}

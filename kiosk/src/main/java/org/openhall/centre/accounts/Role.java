package org.openhall.centre.accounts;

import java.util.Locale;
import java.util.Optional;

/**
 * What a user or token may do: viewers read, supervisors also handle alarms and cases, admins also send commands.
 * A worker (grid worker, 网格员; docs/parcels.md) sees only the parcels handed to them: below viewer, so no
 * {@code atLeast(VIEWER)} check lets one in.
 */
public enum Role {
    WORKER, VIEWER, SUPERVISOR, ADMIN;

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

package org.openhall.kiosk.tickets;

import java.time.OffsetDateTime;

/** One announcement in the hall: ticket {@code number} to {@code window} (named {@code windowName}) at {@code at}. */
public record Call(String number, String window, String windowName, OffsetDateTime at, boolean recall) {
    Call named(String name) {
        return new Call(number, window, name, at, recall);
    }
}

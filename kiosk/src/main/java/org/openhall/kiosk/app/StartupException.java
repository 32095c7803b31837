package org.openhall.kiosk.app;

/** The daemon cannot start for a reason the operator can fix; the message says which. */
public final class StartupException extends Exception {
    public StartupException(String message) {
        super(message);
    }
}

package org.openhall.kiosk.commands;

/**
 * A command could not be taken (the database failed): the transport must not acknowledge it, so that the
 * broker delivers it again.
 */
public final class CommandNotTakenException extends Exception {
    public CommandNotTakenException(String message, Throwable cause) {
        super(message, cause);
    }
}

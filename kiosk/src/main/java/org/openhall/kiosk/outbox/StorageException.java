package org.openhall.kiosk.outbox;

/** The local database failed; the work in hand was rolled back. */
public final class StorageException extends RuntimeException {
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}

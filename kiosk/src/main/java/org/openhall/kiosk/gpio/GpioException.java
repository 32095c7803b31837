package org.openhall.kiosk.gpio;

/** A pin could not be claimed or driven (already in use, no GPIO chip, no permission). */
public final class GpioException extends RuntimeException {
    public GpioException(String message, Throwable cause) {
        super(message, cause);
    }
}

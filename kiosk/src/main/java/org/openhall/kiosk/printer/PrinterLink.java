package org.openhall.kiosk.printer;

import java.io.IOException;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * The byte channel to one printer (the port; adapters: {@link FilePrinterLink}, the serial adapter).
 * The adapter owns opening, noticing an unplugged device and reopening it; callers serialize their use.
 */
public interface PrinterLink extends AutoCloseable {
    /** Opens the device if needed (subject to the adapter's backoff); false while it is not there. */
    boolean ready();

    /** Writes all bytes or throws; a failure leaves the link closed, to be reopened by {@link #ready()}. */
    void write(byte[] bytes) throws IOException;

    /**
     * Sends a real-time query and awaits the one-byte answer; empty when none came within {@code timeout}.
     * Only called when {@link #answersStatus()}.
     */
    OptionalInt ask(byte[] query, Duration timeout) throws IOException;

    /** False for write-only devices and files: the state then comes from whether writing works. */
    boolean answersStatus();

    /** Where the bytes go, for logs. */
    String describe();

    @Override
    void close();
}

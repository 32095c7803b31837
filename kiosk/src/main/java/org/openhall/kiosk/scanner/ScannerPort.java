package org.openhall.kiosk.scanner;

import java.io.IOException;

/**
 * A barcode scanner's serial port, as the {@link ScannerReader} needs it: open, blocking reads that give up
 * after a timeout, close. One adapter per vendor library ({@code scanner.serial} for jSerialComm).
 */
public interface ScannerPort {
    /** @throws IOException the port is not there or cannot be opened now (the message says which) */
    void open() throws IOException;

    /**
     * Waits up to the port's read timeout for bytes.
     *
     * @return the number of bytes read into {@code buffer}, 0 when none came in time
     * @throws IOException the port is gone (unplugged, hung up): close it and open it again
     */
    int read(byte[] buffer) throws IOException;

    /** Closes the port if open; never throws. */
    void close();

    /** The configured path, for logs. */
    String describe();
}

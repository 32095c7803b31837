package org.openhall.kiosk.config;

import java.util.Set;

/**
 * A window's serial barcode scanner ({@code windows[].scanner}, {@code windows[].scanner_baud}): the device
 * path of the port and its rate. {@code port} is empty when the window has none (a USB scanner in keyboard
 * mode needs no configuration: it types into the page).
 */
public record ScannerSettings(String port, int baud) {
    public static final int DEFAULT_BAUD = 9600;
    /** The rates scanners' serial interfaces offer. */
    static final Set<Integer> BAUDS = Set.of(1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200);
    public static final ScannerSettings NONE = new ScannerSettings("", DEFAULT_BAUD);

    public boolean present() {
        return !port.isEmpty();
    }
}

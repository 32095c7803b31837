package org.openhall.kiosk.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.openhall.kiosk.config.WindowSettings;
import org.openhall.kiosk.parcels.ParcelService;
import org.openhall.kiosk.parcels.ScanOutcome;
import org.openhall.kiosk.parcels.SerialScans;
import org.openhall.kiosk.scanner.ScannerReader;
import org.openhall.kiosk.scanner.serial.SerialScannerPort;

/**
 * The windows' serial barcode scanners ({@code windows[].scanner}, docs/parcels.md): one reader thread each,
 * its codes scanned into the window's open hand-over. None without the key, with or without
 * {@code --simulate} (a USB scanner in keyboard mode types into the page and needs nothing here).
 */
final class Scanners {
    private final List<ScannerReader> readers = new ArrayList<>();

    Scanners(List<WindowSettings> windows, ParcelService parcels, Consumer<ScanOutcome> outcomes) {
        for (WindowSettings w : windows) {
            if (w.scanner().present()) {
                SerialScans scans = new SerialScans(parcels, w.id(), outcomes);
                readers.add(new ScannerReader(w.id(),
                        new SerialScannerPort(Path.of(w.scanner().port()), w.scanner().baud(), System::nanoTime),
                        scans::code, scans::overlong));
            }
        }
    }

    void start() {
        readers.forEach(ScannerReader::start);
    }

    void stop() {
        readers.forEach(ScannerReader::stop);
    }
}

package org.openhall.kiosk.app;

import java.nio.file.Path;
import java.util.regex.Pattern;
import org.openhall.kiosk.config.KioskConfig;
import org.openhall.kiosk.printer.FilePrinterLink;
import org.openhall.kiosk.printer.Printer;
import org.openhall.kiosk.printer.serial.SerialPrinterLink;

/**
 * Chooses the printer adapter from {@code printer.port} (docs/printer.md): none for "" (a file under
 * {@code --simulate}), plain writes for printer-class devices ({@code /dev/usb/lpN}, {@code /dev/lpN}),
 * jSerialComm for everything else.
 */
final class Printers {
    static final String SIM_FILE = "sim-printer.bin";
    private static final Pattern PRINTER_CLASS = Pattern.compile("lp\\d+");

    private Printers() {}

    static Printer build(KioskConfig.PrinterSettings settings, boolean simulate, Path dataDir) {
        if (!settings.present()) {
            return simulate ? new Printer(FilePrinterLink.file(dataDir.resolve(SIM_FILE)), false) : Printer.none();
        }
        Path port = Path.of(settings.port());
        if (PRINTER_CLASS.matcher(port.getFileName().toString()).matches()) {
            return new Printer(FilePrinterLink.device(port), false);
        }
        return new Printer(new SerialPrinterLink(port, settings.baud(), System::nanoTime), settings.queryStatus());
    }
}

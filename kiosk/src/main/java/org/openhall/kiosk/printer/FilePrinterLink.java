package org.openhall.kiosk.printer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * A printer that is only written to: a printer-class device such as {@code /dev/usb/lp0}, or the file
 * {@code DATA_DIR/sim-printer.bin} under {@code --simulate}. It cannot be asked for its status; it is ready
 * while its path can be opened. A device node that vanished (unplugged) is not created as a plain file.
 */
public final class FilePrinterLink implements PrinterLink {
    private final Path path;
    private final boolean device;
    private OutputStream out;

    private FilePrinterLink(Path path, boolean device) {
        this.path = path;
        this.device = device;
    }

    /** A printer-class device node: never created, only opened while it exists. */
    public static FilePrinterLink device(Path path) {
        return new FilePrinterLink(path, true);
    }

    /** A plain file that tickets are appended to (the simulated printer). */
    public static FilePrinterLink file(Path path) {
        return new FilePrinterLink(path, false);
    }

    @Override
    public synchronized boolean ready() {
        if (out != null && (!device || Files.exists(path))) {
            return true;
        }
        close();
        try {
            out = device
                    ? Files.newOutputStream(path, StandardOpenOption.WRITE)
                    : Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public synchronized void write(byte[] bytes) throws IOException {
        if (!ready()) {
            throw new IOException(path + " cannot be opened");
        }
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    @Override
    public OptionalInt ask(byte[] query, Duration timeout) {
        return OptionalInt.empty();
    }

    @Override
    public boolean answersStatus() {
        return false;
    }

    @Override
    public String describe() {
        return (device ? "printer device " : "file ") + path;
    }

    @Override
    public synchronized void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // the device is gone already
            }
            out = null;
        }
    }
}

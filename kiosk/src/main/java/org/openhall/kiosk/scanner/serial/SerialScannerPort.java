package org.openhall.kiosk.scanner.serial;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.LongSupplier;
import org.openhall.kiosk.serial.SerialPorts;
import org.openhall.kiosk.scanner.ScannerPort;

/**
 * A barcode scanner on a serial port through jSerialComm (with the printer's adapter and their shared set-up,
 * the only code that imports it), 8N1 without flow control. As for the printer, an unplugged port still
 * reports open, so a read counts as failed on any of: an error, the disconnect event, the configured path no
 * longer leading to the device opened (checked on each timeout), or a port that keeps answering at once with
 * no data (a hung-up pseudo-terminal), which would otherwise turn the reader into a busy loop.
 */
public final class SerialScannerPort implements ScannerPort {
    static final int READ_TIMEOUT_MS = 1_000;
    /** Empty reads in a row that came back in under a tenth of the timeout: the port is hung up. */
    static final int MAX_EARLY_EMPTY_READS = 20;

    private final Path path;
    private final int baud;
    private final LongSupplier nanoTime;
    private SerialPort port;
    private Path opened;
    private volatile boolean disconnected;
    private int earlyEmptyReads;

    /** @param nanoTime a monotonic clock ({@code System::nanoTime}) */
    public SerialScannerPort(Path path, int baud, LongSupplier nanoTime) {
        this.path = path;
        this.baud = baud;
        this.nanoTime = nanoTime;
    }

    @Override
    public synchronized void open() throws IOException {
        close();
        Path real;
        try {
            real = path.toRealPath();
        } catch (IOException e) {
            throw new IOException("not found");
        }
        SerialPort candidate = SerialPorts.eightNone1(real.toString(), baud);
        candidate.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, READ_TIMEOUT_MS, 0);
        if (!candidate.openPort()) {
            throw new IOException(real + " cannot be opened (error " + candidate.getLastErrorCode() + ")");
        }
        disconnected = false;
        earlyEmptyReads = 0;
        SerialPorts.onDisconnect(candidate, () -> disconnected = true);
        port = candidate;
        opened = real;
    }

    @Override
    public int read(byte[] buffer) throws IOException {
        SerialPort p;
        synchronized (this) {
            p = port;
        }
        if (p == null) {
            throw new IOException("not open");
        }
        if (disconnected) {
            throw new IOException("disconnected");
        }
        long start = nanoTime.getAsLong();
        int n = p.readBytes(buffer, buffer.length);
        if (n < 0) {
            throw new IOException("read failed (error " + p.getLastErrorCode() + ")");
        }
        if (n > 0) {
            earlyEmptyReads = 0;
            return n;
        }
        if (disconnected || !stillThere()) {
            throw new IOException("gone");
        }
        if (nanoTime.getAsLong() - start < READ_TIMEOUT_MS * 100_000L) {
            if (++earlyEmptyReads >= MAX_EARLY_EMPTY_READS) {
                throw new IOException("hung up (reads return at once with no data)");
            }
        } else {
            earlyEmptyReads = 0;
        }
        return 0;
    }

    private boolean stillThere() {
        try {
            return path.toRealPath().equals(opened);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public synchronized void close() {
        if (port != null) {
            port.removeDataListener();
            port.closePort();
            port = null;
            opened = null;
        }
    }

    @Override
    public String describe() {
        return path.toString();
    }
}

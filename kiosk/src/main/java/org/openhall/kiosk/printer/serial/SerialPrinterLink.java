package org.openhall.kiosk.printer.serial;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.function.LongSupplier;
import org.openhall.kiosk.printer.PrinterLink;
import org.openhall.kiosk.serial.SerialPorts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A printer on a serial port through jSerialComm (with the scanner's adapter and their shared set-up, the only
 * code that imports it). After an unplug jSerialComm still reports the port open, so the link watches three
 * signs: a read or write error, the disconnect event, and the configured path no longer leading to the device
 * it opened (gone, or a {@code /dev/serial/by-id} link now pointing elsewhere). Then it closes the port and
 * looks the path up again on each {@link #ready()}, no more often than a backoff of 1 s doubling to 10 s.
 */
public final class SerialPrinterLink implements PrinterLink {
    private static final Logger log = LoggerFactory.getLogger(SerialPrinterLink.class);
    static final long FIRST_RETRY_NS = Duration.ofSeconds(1).toNanos();
    static final long MAX_RETRY_NS = Duration.ofSeconds(10).toNanos();
    private static final int WRITE_TIMEOUT_MS = 5_000;

    private final Path path;
    private final int baud;
    private final LongSupplier nanoTime;
    private SerialPort port;
    private Path opened;
    private int readTimeoutMs;
    private volatile boolean broken;
    private long retryAt;
    private long retryDelay = FIRST_RETRY_NS;
    private boolean reportedMissing;

    /** @param nanoTime a monotonic clock for the backoff ({@code System::nanoTime}) */
    public SerialPrinterLink(Path path, int baud, LongSupplier nanoTime) {
        this.path = path;
        this.baud = baud;
        this.nanoTime = nanoTime;
    }

    @Override
    public synchronized boolean ready() {
        if (port != null && !broken && stillThere()) {
            return true;
        }
        if (port != null) {
            log.warn("printer {} lost; closing it and looking for it again", path);
            close();
        }
        long now = nanoTime.getAsLong();
        if (now - retryAt < 0) {
            return false;
        }
        if (open()) {
            retryDelay = FIRST_RETRY_NS;
            reportedMissing = false;
            return true;
        }
        retryAt = now + retryDelay;
        retryDelay = Math.min(retryDelay * 2, MAX_RETRY_NS);
        return false;
    }

    /** The configured path still resolves to the device node that was opened. */
    private boolean stillThere() {
        try {
            return path.toRealPath().equals(opened);
        } catch (IOException e) {
            return false;
        }
    }

    private boolean open() {
        Path real;
        try {
            real = path.toRealPath();
        } catch (IOException e) {
            if (!reportedMissing) {
                log.warn("printer {} not found", path);
                reportedMissing = true;
            }
            return false;
        }
        SerialPort candidate = SerialPorts.eightNone1(real.toString(), baud);
        readTimeoutMs = 500;
        candidate.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                readTimeoutMs, WRITE_TIMEOUT_MS);
        if (!candidate.openPort()) {
            if (!reportedMissing) {
                log.warn("printer {} ({}) cannot be opened (error {})", path, real, candidate.getLastErrorCode());
                reportedMissing = true;
            }
            return false;
        }
        broken = false;
        SerialPorts.onDisconnect(candidate, () -> broken = true);
        port = candidate;
        opened = real;
        log.info("printer {} open ({}, {} baud)", path, real, baud);
        return true;
    }

    @Override
    public synchronized void write(byte[] bytes) throws IOException {
        if (!ready()) {
            throw new IOException("printer " + path + " is not connected");
        }
        int written = port.writeBytes(bytes, bytes.length);
        if (written != bytes.length) {
            broken = true;
            throw new IOException("wrote " + written + " of " + bytes.length + " bytes to " + path);
        }
    }

    @Override
    public synchronized OptionalInt ask(byte[] query, Duration timeout) throws IOException {
        if (!ready()) {
            throw new IOException("printer " + path + " is not connected");
        }
        discardStaleInput();
        int ms = (int) Math.max(1, timeout.toMillis());
        if (ms != readTimeoutMs) {
            port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, ms,
                    WRITE_TIMEOUT_MS);
            readTimeoutMs = ms;
        }
        if (port.writeBytes(query, query.length) != query.length) {
            broken = true;
            throw new IOException("status query to " + path + " failed");
        }
        byte[] answer = new byte[1];
        int n = port.readBytes(answer, 1);
        if (n < 0) {
            broken = true;
            throw new IOException("reading from " + path + " failed");
        }
        return n == 0 ? OptionalInt.empty() : OptionalInt.of(answer[0] & 0xFF);
    }

    /** A late answer to an earlier query must not be taken for the answer to this one. */
    private void discardStaleInput() throws IOException {
        int available = port.bytesAvailable();
        if (available < 0) {
            broken = true;
            throw new IOException("reading from " + path + " failed");
        }
        if (available > 0) {
            port.readBytes(new byte[available], available);
        }
    }

    @Override
    public boolean answersStatus() {
        return true;
    }

    @Override
    public String describe() {
        return path.toString();
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
}

package org.openhall.kiosk.scanner;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread per scanner: opens the port, blocks in reads that time out (no busy loop) and hands each code
 * of {@link ScannerLines} on. A port that cannot be opened, or that goes away, costs one WARN per outage and is
 * tried again after a backoff of 1 s doubling to {@link #MAX_RETRY}, until {@link #stop()}; nothing it does
 * can end the daemon (a failing consumer is logged, the thread goes on).
 */
public final class ScannerReader {
    private static final Logger log = LoggerFactory.getLogger(ScannerReader.class);
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration MAX_RETRY = Duration.ofSeconds(10);

    private final String name;
    private final ScannerPort port;
    private final Consumer<String> codes;
    private final Runnable overlong;
    private volatile boolean running;
    private Thread thread;

    /**
     * @param name the thread's name suffix and the logs' subject (e.g. the window's id)
     * @param codes gets each code, on the reader's thread
     * @param overlong told for each line over {@link ScannerLines#MAX_LINE} bytes
     */
    public ScannerReader(String name, ScannerPort port, Consumer<String> codes, Runnable overlong) {
        this.name = name;
        this.port = port;
        this.codes = codes;
        this.overlong = overlong;
    }

    public synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name("scanner-" + name).daemon().start(this::run);
    }

    /** Ends the thread (within a read timeout) and closes the port. */
    public synchronized void stop() {
        running = false;
        if (thread == null) {
            return;
        }
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(3));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
    }

    private void run() {
        ScannerLines lines = new ScannerLines(this::deliver, this::tooLong);
        byte[] buffer = new byte[256];
        Duration delay = FIRST_RETRY;
        boolean warned = false;
        while (running) {
            try {
                port.open();
            } catch (IOException | RuntimeException e) {
                if (!warned) {
                    log.warn("scanner {} of window {} not available: {}; trying again", port.describe(), name, e.getMessage());
                    warned = true;
                }
                pause(delay);
                delay = delay.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : delay.multipliedBy(2);
                continue;
            }
            log.info("scanner {} of window {} open", port.describe(), name);
            warned = false;
            delay = FIRST_RETRY;
            lines.reset();
            try {
                while (running) {
                    int n = port.read(buffer);
                    if (n > 0) {
                        lines.feed(buffer, 0, n);
                    }
                }
            } catch (IOException | RuntimeException e) {
                if (running) {
                    log.warn("scanner {} of window {} lost: {}; trying again", port.describe(), name, e.getMessage());
                    warned = true;
                }
            } finally {
                port.close();
            }
            pause(delay);
        }
        port.close();
    }

    private void deliver(String code) {
        try {
            codes.accept(code);
        } catch (RuntimeException e) {
            log.warn("scan at window {} not handled: {}", name, e.toString());
        }
    }

    private void tooLong() {
        try {
            overlong.run();
        } catch (RuntimeException e) {
            log.warn("scan at window {} not handled: {}", name, e.toString());
        }
    }

    private void pause(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            // stop() interrupts: the loop condition ends the thread
        }
    }
}

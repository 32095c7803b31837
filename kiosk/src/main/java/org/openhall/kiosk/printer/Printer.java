package org.openhall.kiosk.printer;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kiosk's printer: knows its state and tells listeners of every change. One lock serializes the
 * device, so a status query is never sent in the middle of a ticket's bytes (a printer acts on DLE EOT
 * wherever it occurs) and the idle poll skips its turn while a ticket prints.
 */
public final class Printer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Printer.class);
    /** How long each DLE EOT answer is awaited (interface.md section 5). */
    public static final Duration ANSWER_TIMEOUT = Duration.ofMillis(500);
    private static final int[] QUERIES = {1, 2, 4};

    private final PrinterLink link;
    private final boolean queryStatus;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<Consumer<PrinterState>> listeners = new CopyOnWriteArrayList<>();
    private volatile PrinterState state;
    private boolean closed;

    /** @param queryStatus {@code printer.query_status}; ignored for links that cannot answer */
    public Printer(PrinterLink link, boolean queryStatus) {
        this.link = link;
        this.queryStatus = queryStatus;
    }

    /** No printer configured: always {@link PrinterState#NONE}, printing fails. */
    public static Printer none() {
        return new Printer(null, false);
    }

    public boolean present() {
        return link != null;
    }

    /** The last known state; offline until the first check. */
    public PrinterState state() {
        if (link == null) {
            return PrinterState.NONE;
        }
        PrinterState s = state;
        return s == null ? PrinterState.OFFLINE : s;
    }

    /** Called on every change of state, on the thread that noticed it, in order. */
    public void onStateChange(Consumer<PrinterState> listener) {
        listeners.add(listener);
    }

    /** Asks the printer now (DLE EOT 1, 2, 4, each answer awaited at most 500 ms). */
    public PrinterState check() {
        if (link == null) {
            return PrinterState.NONE;
        }
        lock.lock();
        try {
            return closed ? state() : update(query());
        } finally {
            lock.unlock();
        }
    }

    /** For the idle poll: checks unless the printer is busy right now. */
    public void pollIfIdle() {
        if (link == null || !lock.tryLock()) {
            return;
        }
        try {
            if (!closed) {
                update(query());
            }
        } catch (RuntimeException e) {
            log.warn("printer poll failed: {}", e.toString());
        } finally {
            lock.unlock();
        }
    }

    private PrinterState query() {
        if (!link.ready()) {
            return PrinterState.OFFLINE;
        }
        if (!queryStatus || !link.answersStatus()) {
            return PrinterState.OK;
        }
        int[] answers = new int[QUERIES.length];
        try {
            for (int i = 0; i < QUERIES.length; i++) {
                OptionalInt answer = link.ask(EscPosEncoder.statusQuery(QUERIES[i]), ANSWER_TIMEOUT);
                if (answer.isEmpty()) {
                    return PrinterState.OFFLINE;
                }
                if (!PrinterStatus.wellFormed(answer.getAsInt())) {
                    log.debug("printer answered DLE EOT {} with 0x{}", QUERIES[i], Integer.toHexString(answer.getAsInt()));
                    return PrinterState.ERROR;
                }
                answers[i] = answer.getAsInt();
            }
        } catch (IOException e) {
            return PrinterState.OFFLINE;
        }
        return PrinterStatus.decode(answers[0], answers[1], answers[2]).state();
    }

    /** Sends a whole ticket (or test page) in one write. */
    public void print(byte[] bytes) throws PrintFailedException {
        if (link == null) {
            throw new PrintFailedException("no printer configured", PrinterState.NONE);
        }
        lock.lock();
        try {
            if (closed) {
                throw new PrintFailedException("the kiosk is stopping", state());
            }
            link.write(bytes);
            if (!queryStatus || !link.answersStatus()) {
                update(PrinterState.OK);
            }
        } catch (IOException e) {
            update(PrinterState.OFFLINE);
            throw new PrintFailedException("printing to " + link.describe() + " failed: " + e.getMessage(),
                    PrinterState.OFFLINE);
        } finally {
            lock.unlock();
        }
    }

    private PrinterState update(PrinterState now) {
        PrinterState before = state;
        state = now;
        if (before != now) {
            log.info("printer {}: {}", link.describe(), now.wireName());
            for (Consumer<PrinterState> listener : listeners) {
                try {
                    listener.accept(now);
                } catch (RuntimeException e) {
                    log.warn("printer state listener failed: {}", e.toString());
                }
            }
        }
        return now;
    }

    public String describe() {
        return link == null ? "no printer" : link.describe();
    }

    /** Closes the device for good: later polls and prints (a timer still running during stop) do nothing. */
    @Override
    public void close() {
        if (link == null) {
            return;
        }
        lock.lock();
        try {
            closed = true;
            link.close();
        } finally {
            lock.unlock();
        }
    }
}

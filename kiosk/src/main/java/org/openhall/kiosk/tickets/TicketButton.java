package org.openhall.kiosk.tickets;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.openhall.kiosk.refusals.RefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A physical take-a-ticket button ({@code [[ticket_buttons]]}). The GPIO adapter calls {@link #pressed()}
 * on each debounced press; the ticket is issued on the executor so the GPIO thread never waits for the
 * printer. Presses while a ticket is being issued, and for a short guard time after it, are ignored: a
 * resident who presses twice because the printer is slow gets one ticket.
 */
public final class TicketButton {
    private static final Logger log = LoggerFactory.getLogger(TicketButton.class);
    static final Duration GUARD = Duration.ofMillis(1_500);

    private final TicketService tickets;
    private final String category;
    private final Executor executor;
    private final LongSupplier nanoTime;
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile long quietUntil;

    /** @param nanoTime a monotonic clock ({@code System::nanoTime}) */
    public TicketButton(TicketService tickets, String category, Executor executor, LongSupplier nanoTime) {
        this.tickets = tickets;
        this.category = category;
        this.executor = executor;
        this.nanoTime = nanoTime;
        this.quietUntil = nanoTime.getAsLong();
    }

    public void pressed() {
        if (nanoTime.getAsLong() - quietUntil < 0 || !busy.compareAndSet(false, true)) {
            return;
        }
        executor.execute(this::issue);
    }

    private void issue() {
        try {
            IssuedTicket t = tickets.issue(category, false, "button");
            log.info("button {}: ticket {} ({})", category, t.number(), t.printed() ? "printed" : "not printed");
        } catch (RefusedException e) {
            log.warn("button {}: no ticket, {}", category, e.code());
        } catch (RuntimeException e) {
            log.error("button {}: ticket failed: {}", category, e.toString());
        } finally {
            quietUntil = nanoTime.getAsLong() + GUARD.toNanos();
            busy.set(false);
        }
    }
}

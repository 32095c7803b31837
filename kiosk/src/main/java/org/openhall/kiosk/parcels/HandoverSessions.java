package org.openhall.kiosk.parcels;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The open hand-overs, at most one per window, in memory only (nothing of an unconfirmed hand-over is
 * recorded; a restart simply ends it). One left alone for {@link #IDLE_NANOS} is gone. Not thread-safe: the
 * service calls it under its lock.
 */
final class HandoverSessions {
    static final long IDLE_NANOS = TimeUnit.MINUTES.toNanos(30);

    private record Open(Handover handover, long touchedNanos) {}

    private final LongSupplier nanos;
    private final Map<String, Open> byWindow = new HashMap<>();

    HandoverSessions(LongSupplier nanos) {
        this.nanos = nanos;
    }

    Handover open(Handover h) {
        byWindow.put(h.window(), new Open(h, nanos.getAsLong()));
        return h;
    }

    Handover replace(Handover h) {
        return open(h);
    }

    Optional<Handover> get(String window, String handoverId) {
        Open o = byWindow.get(window);
        if (o == null || !o.handover().handoverId().equals(handoverId)) {
            return Optional.empty();
        }
        return alive(window, o);
    }

    /** The window's open hand-over, whichever it is (a serial scanner knows only its window). */
    Optional<Handover> current(String window) {
        Open o = byWindow.get(window);
        return o == null ? Optional.empty() : alive(window, o);
    }

    private Optional<Handover> alive(String window, Open o) {
        if (nanos.getAsLong() - o.touchedNanos() > IDLE_NANOS) {
            byWindow.remove(window);
            return Optional.empty();
        }
        return Optional.of(o.handover());
    }

    void close(String window) {
        byWindow.remove(window);
    }
}

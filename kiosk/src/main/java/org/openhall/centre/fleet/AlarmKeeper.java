package org.openhall.centre.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.openhall.centre.config.CentreConfig;
import org.openhall.centre.store.Alarm;
import org.openhall.centre.store.CentreStore;
import org.openhall.centre.store.Envelope;
import org.openhall.centre.store.IngestOutcome;
import org.openhall.centre.store.KioskId;
import org.openhall.centre.store.KioskView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises and clears the fleet's alarms (interface.md section 8). Conditions ({@code offline}, {@code printer},
 * {@code backlog}, {@code seq_gap}) are evaluated from the kiosk rows and clear themselves when they end.
 * Occurrences ({@code conflict}, and the kiosk alerts {@code database_corrupt}, {@code stuck_button},
 * {@code outbox_full}, {@code storage}) have no end to watch for: a repeat counts on the open alarm, and
 * acknowledging one clears it, so the next occurrence raises a new alarm.
 */
public final class AlarmKeeper {
    public static final Set<String> OCCURRENCES = Set.of("conflict", "database_corrupt", "stuck_button", "outbox_full", "storage");
    private static final Set<String> PRINTER_TROUBLE = Set.of("paper_near_end", "paper_out", "cover_open", "offline", "error");
    private static final Logger log = LoggerFactory.getLogger(AlarmKeeper.class);
    private final CentreStore store;
    private final CentreConfig.Alarms limits;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    public AlarmKeeper(CentreStore store, CentreConfig.Alarms limits, Clock clock) {
        this.store = store;
        this.limits = limits;
        this.clock = clock;
    }

    /** Commit listener: conflicts and kiosk alerts raise their alarms. */
    public void committed(IngestOutcome outcome) {
        long now = clock.millis();
        for (Envelope c : outcome.conflicts()) {
            raise(c.kioskId(), "conflict", "序号 " + c.seq() + " 以另一 id 重复到达，已另存 · seq " + c.seq() + " arrived again under another id (" + c.id() + "); kept aside", now, true);
        }
        for (Envelope e : outcome.stored()) {
            if ("alert".equals(e.type())) {
                JsonNode data = data(e);
                String kind = data.path("kind").asText("");
                if (OCCURRENCES.contains(kind)) {
                    raise(e.kioskId(), kind, data.path("message").asText(kind), now, true);
                }
            }
        }
    }

    /** Evaluates every kiosk's conditions; run periodically. */
    public void evaluate() {
        long now = clock.millis();
        Set<String> open = new HashSet<>();
        for (Alarm a : store.alarms(Alarm.ACTIVE, null, 100_000)) {
            open.add(key(a.kiosk(), a.kind()));
        }
        for (Alarm a : store.alarms(Alarm.ACKNOWLEDGED, null, 100_000)) {
            open.add(key(a.kiosk(), a.kind()));
        }
        for (KioskView k : store.kiosks()) {
            offline(k, now, open);
            printer(k, now, open);
            backlog(k, now, open);
            gap(k, now, open);
        }
    }

    private void offline(KioskView k, long now, Set<String> open) {
        if ("offline".equals(k.presence()) && k.presenceChangedMs() != null
                && now - k.presenceChangedMs() >= limits.offlineAfterS() * 1000L) {
            condition(k.id(), "offline", true, "离线超过 " + limits.offlineAfterS() + " 秒 · offline for more than " + limits.offlineAfterS() + " s", now, open);
        } else if ("online".equals(k.presence())) {
            condition(k.id(), "offline", false, null, now, open);
        }
    }

    private void printer(KioskView k, long now, Set<String> open) {
        if (k.printer() != null) {
            boolean trouble = PRINTER_TROUBLE.contains(k.printer());
            condition(k.id(), "printer", trouble, "打印机 printer: " + k.printer(), now, open);
        }
    }

    private void backlog(KioskView k, long now, Set<String> open) {
        if (k.outboxDepth() != null) {
            condition(k.id(), "backlog", k.outboxDepth() > limits.backlogEvents(),
                    "积压 " + k.outboxDepth() + " 条 · " + k.outboxDepth() + " unsent events in the outbox (limit " + limits.backlogEvents() + ")", now, open);
        }
    }

    private void gap(KioskView k, long now, Set<String> open) {
        boolean old = k.missing() > 0 && k.gapSinceMs() != null && now - k.gapSinceMs() >= limits.gapAfterS() * 1000L;
        if (old || k.missing() == 0) {
            condition(k.id(), "seq_gap", old, "缺失 " + k.missing() + " 条 · " + k.missing() + " events missing below seq " + k.lastSeq(), now, open);
        }
    }

    private void condition(KioskId kiosk, String kind, boolean holds, String message, long now, Set<String> open) {
        boolean isOpen = open.contains(key(kiosk, kind));
        if (holds && !isOpen) {
            raise(kiosk, kind, message, now, false);
        } else if (!holds && isOpen && store.clear(kiosk, kind, now)) {
            log.info("alarm {} of {} cleared", kind, kiosk);
        }
    }

    private void raise(KioskId kiosk, String kind, String message, long now, boolean repeat) {
        Alarm a = store.raise(kiosk, kind, message, now, repeat);
        if (a.count() == 1 && a.raisedMs() == now) {
            log.warn("alarm {} of {}: {}", kind, kiosk, message);
        }
    }

    /** Acknowledges an active alarm; an occurrence is cleared with it. False when it was not active. */
    public boolean acknowledge(long id, String note, String by) {
        long now = clock.millis();
        if (!store.acknowledge(id, note, by, now)) {
            return false;
        }
        store.alarm(id).filter(a -> OCCURRENCES.contains(a.kind())).ifPresent(a -> store.clear(a.kiosk(), a.kind(), now));
        return true;
    }

    private static String key(KioskId k, String kind) {
        return k.site() + '\u0000' + k.kiosk() + '\u0000' + kind;
    }

    private JsonNode data(Envelope e) {
        try {
            return e.data(json);
        } catch (IOException ex) {
            return json.missingNode();
        }
    }

    List<String> kinds() {
        return List.of("offline", "printer", "backlog", "seq_gap", "conflict", "database_corrupt", "stuck_button",
                "outbox_full", "storage");
    }
}

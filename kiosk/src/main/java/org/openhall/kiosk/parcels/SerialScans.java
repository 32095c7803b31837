package org.openhall.kiosk.parcels;

import java.util.function.Consumer;
import org.openhall.kiosk.refusals.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The codes of one window's serial scanner, each scanned into that window's open hand-over as if typed on its
 * page; a refusal (no hand-over open, unknown code, scanned twice, handed over before, a line too long)
 * changes nothing and costs one log line without the code (it may be anything the scanner read). Every
 * outcome goes to {@code outcomes}, so the page can show it.
 */
public final class SerialScans {
    private static final Logger log = LoggerFactory.getLogger(SerialScans.class);

    private final ParcelService parcels;
    private final String window;
    private final Consumer<ScanOutcome> outcomes;

    public SerialScans(ParcelService parcels, String window, Consumer<ScanOutcome> outcomes) {
        this.parcels = parcels;
        this.window = window;
        this.outcomes = outcomes;
    }

    /** A code the scanner read (trimmed, not empty). */
    public void code(String code) {
        ScanOutcome outcome;
        try {
            Handover h = parcels.scanAtWindow(window, code);
            Parcel added = h.parcels().getLast();
            log.info("window {}: scanner added parcel {} to hand-over {}", window, added.number(), h.handoverId());
            outcome = new ScanOutcome(window, h.handoverId(), null, null);
        } catch (ParcelRefusedException e) {
            log.info("window {}: scan refused: {}", window, e.code());
            outcome = new ScanOutcome(window, openHandover(), e.code(), e.field());
        }
        outcomes.accept(outcome);
    }

    /** A line too long to be a parcel code. */
    public void overlong() {
        log.info("window {}: scan refused: {} (line over the length limit)", window, Refusal.INVALID_ARGUMENT.word());
        outcomes.accept(new ScanOutcome(window, openHandover(), Refusal.INVALID_ARGUMENT.word(), "code"));
    }

    private String openHandover() {
        return parcels.openHandover(window).map(Handover::handoverId).orElse(null);
    }
}

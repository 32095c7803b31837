package org.openhall.kiosk.parcels;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.openhall.kiosk.config.KioskConfig;
import org.openhall.kiosk.events.EventType;
import org.openhall.kiosk.printer.EscPosEncoder;
import org.openhall.kiosk.printer.PrintFailedException;
import org.openhall.kiosk.printer.Printer;
import org.openhall.kiosk.printer.PrinterState;
import org.openhall.kiosk.printer.Receipt;
import org.openhall.kiosk.refusals.Refusal;
import org.openhall.kiosk.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Government parcels at the kiosk: registering one (label printed), the grid workers' list, and the
 * hand-over (scan, confirm, receipt printed). As for tickets, the printer is asked first; the rows and the
 * events commit in one transaction before a byte is printed; a print that fails after the commit leaves the
 * record as it is (printed = false), raises an alert and can be reprinted. Every refusal changes nothing.
 */
public final class ParcelService {
    private static final Logger log = LoggerFactory.getLogger(ParcelService.class);
    public static final int MAX_WORKERS = 1000;
    static final int MAX_PARCELS_PER_HANDOVER = 100;
    static final int MAX_CODE_CHARS = 64;

    private final Database database;
    private final Printer printer;
    private final Clock clock;
    private final ZoneId zone;
    private final ParcelLayout layout;
    private final EscPosEncoder encoder;
    private final ParcelStore store = new ParcelStore();
    private final HandoverSessions sessions;
    private final ReentrantLock work = new ReentrantLock(true);

    public ParcelService(KioskConfig config, Database database, Printer printer, Clock clock, LongSupplier nanos) {
        this.database = database;
        this.printer = printer;
        this.clock = clock;
        this.zone = config.kiosk().timezone();
        this.layout = new ParcelLayout(config.printer().columns(), config.kiosk().site(), config.kiosk().id());
        this.encoder = EscPosEncoder.forEncoding(config.printer().encoding());
        this.sessions = new HandoverSessions(nanos);
    }

    public void start() {
        database.migrate(ParcelStore.SCHEMA);
        // parcels waiting for a grid worker are the residents' documents: take back what a corrupt file still holds
        long lost = database.salvage(ParcelStore.SCHEMA);
        if (lost > 0) {
            database.inTransaction(c -> {
                store.skipAfterSalvage(c, store.serviceDay(c, clock, zone), lost);
                return null;
            });
        }
        log.info("parcels open: {} grid workers, {} parcels waiting", workers().size(), waiting(1000).size());
    }

    /**
     * Registers a parcel at {@code window} and prints its label.
     *
     * @throws ParcelRefusedException {@code printer_<state>} (nothing recorded), {@code outbox_full}
     */
    public Parcel register(ParcelInput input, String window) {
        work.lock();
        try {
            boolean print = requirePrinterIfPresent();
            Parcel parcel = database.transaction(tx -> {
                var c = tx.connection();
                LocalDate day = store.serviceDay(c, clock, zone);
                store.recordDay(c, day);
                int ordinal = store.nextOrdinal(c, day);
                Parcel p = new Parcel(UUID.randomUUID().toString(), Parcel.number(day, ordinal), day, input.matter(),
                        input.maskedName(), input.maskedPhone(), window, now(), false, null);
                store.insert(c, p, ordinal);
                tx.append(EventType.PARCEL_REGISTERED, p.withPrinted(print).registeredData(input));
                return p;
            });
            log.info("parcel {} registered at window {}", parcel.number(), window);
            return print ? parcel.withPrinted(printLabel(parcel, false)) : parcel;
        } finally {
            work.unlock();
        }
    }

    /** @throws ParcelRefusedException {@code unknown_parcel}, {@code printer_unavailable} */
    public Parcel reprintLabel(String code) {
        work.lock();
        try {
            Parcel p = find(code).orElseThrow(() -> unknownParcel(code));
            requirePrinter();
            if (!printLabel(p, true)) {
                throw new ParcelRefusedException(Refusal.PRINTER_UNAVAILABLE, "printer " + printer.state().wireName());
            }
            return p.withPrinted(true);
        } finally {
            work.unlock();
        }
    }

    /** A parcel by its id (the label's QR) or its number (typed from the label). */
    public Optional<Parcel> find(String code) {
        String c = code == null ? "" : code.strip();
        if (c.isEmpty() || c.length() > MAX_CODE_CHARS) {
            return Optional.empty();
        }
        return database.inTransaction(conn -> Parcel.NUMBER.matcher(c).matches() ? store.byNumber(conn, c)
                : store.byId(conn, c.toLowerCase(java.util.Locale.ROOT)));
    }

    public List<Parcel> waiting(int limit) {
        return database.inTransaction(c -> store.waiting(c, limit));
    }

    public long registeredToday() {
        return database.inTransaction(c -> store.registeredOn(c, store.serviceDay(c, clock, zone)));
    }

    public List<Worker> workers() {
        return database.inTransaction(store::workers);
    }

    /** Replaces the list of grid workers for good (the centre's {@code workers} command). */
    public void replaceWorkers(List<Worker> workers) {
        if (workers.size() > MAX_WORKERS) {
            throw ParcelRefusedException.invalid("workers", "at most " + MAX_WORKERS);
        }
        Set<String> ids = new HashSet<>();
        for (Worker w : workers) {
            if (!ids.add(w.id())) {
                throw ParcelRefusedException.invalid("workers", "duplicate worker id " + w.id());
            }
        }
        database.inTransaction(c -> {
            store.replaceWorkers(c, List.copyOf(workers));
            return null;
        });
        log.info("grid workers replaced: {}", workers.size());
    }

    /**
     * Opens the hand-over of {@code workerId} at a window (replacing that window's open one).
     *
     * @throws ParcelRefusedException {@code unknown_worker} when the id is not in the centre's list
     */
    public Handover startHandover(String window, String workerId) {
        Worker worker = workers().stream().filter(w -> w.id().equals(workerId)).findFirst().orElseThrow(
                () -> new ParcelRefusedException(Refusal.UNKNOWN_WORKER, "worker", "worker " + workerId + " is not in the list"));
        work.lock();
        try {
            return sessions.open(new Handover(UUID.randomUUID().toString(), window, worker, List.of(), null, false));
        } finally {
            work.unlock();
        }
    }

    public Handover handover(String window, String handoverId) {
        work.lock();
        try {
            Optional<Handover> open = sessions.get(window, handoverId);
            if (open.isPresent()) {
                return open.get();
            }
            return database.inTransaction(c -> store.handover(c, handoverId)).filter(h -> h.window().equals(window))
                    .orElseThrow(() -> unknownHandover(handoverId));
        } finally {
            work.unlock();
        }
    }

    /**
     * Adds a scanned parcel to an open hand-over.
     *
     * @throws ParcelRefusedException {@code unknown_handover}, {@code unknown_parcel}, {@code already_scanned},
     *     {@code already_handed_over}, {@code too_many_parcels}
     */
    public Handover scan(String window, String handoverId, String code) {
        work.lock();
        try {
            Handover h = sessions.get(window, handoverId).orElseThrow(() -> unknownHandover(handoverId));
            Parcel p = find(code).orElseThrow(() -> unknownParcel(code));
            if (h.parcels().stream().anyMatch(s -> s.parcelId().equals(p.parcelId()))) {
                throw new ParcelRefusedException(Refusal.ALREADY_SCANNED, "code", p.number() + " is already on this list");
            }
            if (p.handedOver()) {
                throw new ParcelRefusedException(Refusal.ALREADY_HANDED_OVER, "code", p.number() + " was handed over before");
            }
            if (h.parcels().size() >= MAX_PARCELS_PER_HANDOVER) {
                throw new ParcelRefusedException(Refusal.TOO_MANY_PARCELS, "code",
                        "at most " + MAX_PARCELS_PER_HANDOVER + " parcels per hand-over");
            }
            List<Parcel> more = new java.util.ArrayList<>(h.parcels());
            more.add(p);
            return sessions.replace(new Handover(h.handoverId(), window, h.worker(), more, null, false));
        } finally {
            work.unlock();
        }
    }

    /**
     * Adds a parcel a window's serial scanner read to that window's open hand-over, whichever it is.
     *
     * @throws ParcelRefusedException {@code unknown_handover} when none is open there, else as {@link #scan}
     */
    public Handover scanAtWindow(String window, String code) {
        work.lock();
        try {
            Handover h = sessions.current(window).orElseThrow(() -> new ParcelRefusedException(Refusal.UNKNOWN_HANDOVER,
                    "no open hand-over at window " + window + ": start one on the parcel page first"));
            return scan(window, h.handoverId(), code);
        } finally {
            work.unlock();
        }
    }

    /** The window's open hand-over, if any. */
    public Optional<Handover> openHandover(String window) {
        work.lock();
        try {
            return sessions.current(window);
        } finally {
            work.unlock();
        }
    }

    /** Takes a scanned parcel off an open hand-over's list. */
    public Handover unscan(String window, String handoverId, String parcelId) {
        work.lock();
        try {
            Handover h = sessions.get(window, handoverId).orElseThrow(() -> unknownHandover(handoverId));
            List<Parcel> fewer = h.parcels().stream().filter(p -> !p.parcelId().equals(parcelId)).toList();
            if (fewer.size() == h.parcels().size()) {
                throw unknownParcel(parcelId);
            }
            return sessions.replace(new Handover(h.handoverId(), window, h.worker(), fewer, null, false));
        } finally {
            work.unlock();
        }
    }

    public void cancel(String window, String handoverId) {
        work.lock();
        try {
            sessions.get(window, handoverId).orElseThrow(() -> unknownHandover(handoverId));
            sessions.close(window);
        } finally {
            work.unlock();
        }
    }

    /**
     * Confirms an open hand-over: one {@code parcel.handed_over} per parcel and the hand-over row commit in one
     * transaction, then the receipt is printed.
     *
     * @throws ParcelRefusedException {@code unknown_handover}, {@code no_parcels}, {@code printer_<state>},
     *     {@code already_handed_over} (another window took one meanwhile: nothing recorded), {@code outbox_full}
     */
    public Handover confirm(String window, String handoverId) {
        work.lock();
        try {
            Handover open = sessions.get(window, handoverId).orElseThrow(() -> unknownHandover(handoverId));
            if (open.parcels().isEmpty()) {
                throw new ParcelRefusedException(Refusal.NO_PARCELS, "scan at least one parcel first");
            }
            boolean print = requirePrinterIfPresent();
            Handover done = new Handover(open.handoverId(), window, open.worker(), open.parcels(), now(), false);
            database.transaction(tx -> {
                var c = tx.connection();
                for (Parcel p : done.parcels()) {
                    if (!store.handOver(c, p.parcelId(), done.handoverId())) {
                        throw new ParcelRefusedException(Refusal.ALREADY_HANDED_OVER, "code", p.number() + " was handed over before");
                    }
                    tx.append(EventType.PARCEL_HANDED_OVER, done.eventData(p, print));
                }
                store.insertHandover(c, done);
                return null;
            });
            sessions.close(window);
            log.info("hand-over {} at window {}: {} parcels to worker {}", done.handoverId(), window,
                    done.parcels().size(), done.worker().id());
            boolean printed = print && printReceipt(done, false);
            return new Handover(done.handoverId(), window, done.worker(), done.parcels(), done.at(), printed);
        } finally {
            work.unlock();
        }
    }

    /** @throws ParcelRefusedException {@code unknown_handover}, {@code printer_unavailable} */
    public Handover reprintReceipt(String window, String handoverId) {
        work.lock();
        try {
            Handover h = database.inTransaction(c -> store.handover(c, handoverId)).filter(x -> x.window().equals(window))
                    .orElseThrow(() -> unknownHandover(handoverId));
            requirePrinter();
            if (!printReceipt(h, true)) {
                throw new ParcelRefusedException(Refusal.PRINTER_UNAVAILABLE, "printer " + printer.state().wireName());
            }
            return new Handover(h.handoverId(), window, h.worker(), h.parcels(), h.at(), true);
        } finally {
            work.unlock();
        }
    }

    private boolean printLabel(Parcel p, boolean reprint) {
        return print(layout.label(p, reprint), "label of parcel " + p.number(), c -> {
            store.markPrinted(c, p.parcelId());
            return null;
        });
    }

    private boolean printReceipt(Handover h, boolean reprint) {
        return print(layout.receipt(h, reprint), "receipt of hand-over " + h.handoverId(),
                c -> {
                    store.markHandoverPrinted(c, h.handoverId());
                    return null;
                });
    }

    private boolean print(Receipt receipt, String what, Database.ConnectionWork<Void> markPrinted) {
        try {
            printer.print(encoder.encode(receipt));
        } catch (PrintFailedException e) {
            log.error("{} not printed: {}", what, e.getMessage());
            alert(what + " was not printed: " + e.getMessage() + "; reprint it once the printer is back");
            return false;
        }
        database.inTransaction(markPrinted);
        return true;
    }

    private void alert(String message) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("kind", "printer");
        data.put("message", message);
        try {
            database.transaction(tx -> tx.append(EventType.ALERT, data));
        } catch (RuntimeException e) {
            log.warn("alert not recorded: {}", e.toString());
        }
    }

    /** True when there is a printer and it can print; refused when there is one that cannot. */
    private boolean requirePrinterIfPresent() {
        if (!printer.present()) {
            return false;
        }
        PrinterState state = printer.check();
        if (!state.canPrint()) {
            throw new ParcelRefusedException(state.refusal(), "printer " + state.wireName());
        }
        return true;
    }

    private void requirePrinter() {
        PrinterState state = printer.check();
        if (!state.canPrint()) {
            throw new ParcelRefusedException(Refusal.PRINTER_UNAVAILABLE, "printer " + state.wireName());
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), zone);
    }

    private static ParcelRefusedException unknownParcel(String code) {
        String shown = code == null ? "" : code.length() > 40 ? code.substring(0, 40) + "…" : code;
        return new ParcelRefusedException(Refusal.UNKNOWN_PARCEL, "code", "no parcel " + (TextRules.hasControl(shown) ? "" : shown));
    }

    private static ParcelRefusedException unknownHandover(String id) {
        return new ParcelRefusedException(Refusal.UNKNOWN_HANDOVER, "no open hand-over " + id + " at this window");
    }
}

package org.openhall.kiosk.tickets;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import org.openhall.kiosk.config.Category;
import org.openhall.kiosk.config.KioskConfig;
import org.openhall.kiosk.events.EventType;
import org.openhall.kiosk.printer.EscPosEncoder;
import org.openhall.kiosk.printer.PrintFailedException;
import org.openhall.kiosk.printer.Printer;
import org.openhall.kiosk.printer.PrinterState;
import org.openhall.kiosk.refusals.Refusal;
import org.openhall.kiosk.storage.Database;
import org.openhall.kiosk.storage.SqlWork;
import org.openhall.kiosk.storage.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue: issuing numbered tickets and reprinting them (calling is {@link CallingService}). Issuing asks the printer
 * first; only when it can print is a number taken, and the number, the queue row and the
 * {@code ticket.issued} event commit in one outbox transaction before a single byte is printed, so a
 * printed number always exists in the record. A print that then fails leaves the ticket issued with
 * {@code printed = false}, raises an alert and can be reprinted. Without a printer configured
 * ({@link PrinterState#NONE}) tickets are issued unprinted: the number is shown on the terminal.
 */
public final class TicketService {
    private static final Logger log = LoggerFactory.getLogger(TicketService.class);
    public static final Set<String> CHANNELS = Set.of("terminal", "button", "command");

    private final Database database;
    private final Printer printer;
    private final Clock clock;
    private final ZoneId zone;
    private final List<Category> configured;
    private final TicketLayout layout;
    private final EscPosEncoder encoder;
    private final TicketStore store = new TicketStore();
    private final CategoriesCopy categoriesCopy;
    private final ReentrantLock issuing = new ReentrantLock(true);
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();
    private volatile List<Category> categories = List.of();

    public TicketService(KioskConfig config, Database database, Printer printer, Clock clock) {
        this.database = database;
        this.printer = printer;
        this.clock = clock;
        this.zone = config.kiosk().timezone();
        this.configured = config.categories();
        this.layout = new TicketLayout(config.printer(), config.kiosk().site(), config.kiosk().id());
        this.encoder = EscPosEncoder.forEncoding(config.printer().encoding());
        this.categoriesCopy = new CategoriesCopy(database.file().resolveSibling("categories.tsv"));
    }

    /** Creates the tables and loads the categories (the last {@code categories} command's, else the config's). */
    public void start() {
        database.migrate(TicketStore.SCHEMA);
        long lost = database.salvage(TicketStore.SCHEMA);
        if (lost > 0) {
            // a lost row may have held any of the day's numbers up to (highest readable + lost); where the
            // tables were unreachable that count is unknown: a day rarely reaches 1,000 tickets per category
            database.inTransaction(c -> {
                store.skipAfterSalvage(c, store.serviceDay(c, clock, zone), lost);
                return null;
            });
        }
        categories = List.copyOf(replacedCategories().orElse(configured));
        log.info("queue open: {} categories, {} tickets today", categories.size(), ticketsToday());
    }

    /** The categories set by command: from the database, or after a salvage that lost them, from the copy. */
    private Optional<List<Category>> replacedCategories() {
        Optional<List<Category>> stored = database.inTransaction(c -> store.replacedCategories(c));
        if (stored.isPresent() || database.quarantined().isEmpty()) {
            return stored;
        }
        Optional<List<Category>> copied = categoriesCopy.read();
        copied.ifPresent(list -> {
            database.inTransaction(c -> {
                store.replaceCategories(c, list);
                return null;
            });
            log.warn("{} categories set by command restored from their copy beside the database", list.size());
        });
        return copied;
    }

    /**
     * Issues a ticket and prints it.
     *
     * @throws org.openhall.kiosk.refusals.RefusedException {@code unknown_category}, {@code printer_<state>}
     *     when the printer cannot print (no number is used), {@code outbox_full}, {@code storage_full},
     *     {@code storage_failing}
     */
    public IssuedTicket issue(String category, boolean priority, String channel) {
        Category cat = category(category).orElseThrow(
                () -> Refusal.UNKNOWN_CATEGORY.because("no category \"" + category + "\""));
        if (!CHANNELS.contains(channel)) {
            throw new IllegalArgumentException("unknown channel " + channel);
        }
        issuing.lock();
        try {
            boolean print = printer.present();
            if (print) {
                PrinterState state = printer.check();
                if (!state.canPrint()) {
                    throw state.refusal().because("printer " + state.wireName());
                }
            }
            IssuedTicket ticket;
            try {
                ticket = commitNew(cat, priority, channel, print);
            } catch (StorageException e) {
                if (database.health().ticketRefused()) {
                    log.warn("ticket refused: {}", e.getMessage());
                }
                throw e;
            }
            changeListeners.forEach(TicketService::runQuietly);
            if (!print) {
                return ticket;
            }
            boolean printed = printTicket(ticket, false);
            return ticket.withPrinted(printed);
        } finally {
            issuing.unlock();
        }
    }

    private IssuedTicket commitNew(Category cat, boolean priority, String channel, boolean willPrint) {
        return database.transaction(tx -> {
            var c = tx.connection();
            LocalDate day = ServiceDay.current(clock, zone, store.highestDay(c).orElse(null));
            store.recordDay(c, day);
            int ordinal = store.nextOrdinal(c, day, cat.code());
            int ahead = store.ahead(c, day, cat.code(), priority);
            Integer wait = WaitEstimate.minutes(store.recentCallTimes(c, day, cat.code()), ahead);
            IssuedTicket t = new IssuedTicket(UUID.randomUUID().toString(), number(cat.code(), ordinal), cat.code(),
                    cat.name(), cat.nameEn(), priority, ahead, wait, day, channel, false,
                    OffsetDateTime.ofInstant(clock.instant(), zone));
            // the row and the event say whether the ticket went to a printer that reported ready; a
            // failure after this commit is reported by an alert that also clears the row's flag
            // (docs/printer.md). No second commit per printed ticket: it would write its pages to the
            // SD card once more for every ticket (docs/benchmarks.md, "Budget").
            store.insert(c, t.withPrinted(willPrint), ordinal);
            tx.append(EventType.TICKET_ISSUED, t.withPrinted(willPrint).data());
            return t;
        });
    }

    /** CODE + at least three digits: A001 … A999, A1000. */
    static String number(String code, int ordinal) {
        return code + String.format("%03d", ordinal);
    }

    private boolean printTicket(IssuedTicket ticket, boolean reprint) {
        try {
            printer.print(encoder.encode(layout.ticket(ticket, reprint)));
        } catch (PrintFailedException e) {
            log.error("ticket {} issued but not printed: {}", ticket.number(), e.getMessage());
            alert("ticket " + ticket.number() + " (" + ticket.ticketId() + ") was " + (reprint ? "not reprinted" : "issued but not printed")
                    + ": " + e.getMessage() + "; reprint it once the printer is back", reprint ? null : ticket);
            return false;
        }
        if (reprint && !ticket.printed()) {
            database.inTransaction(c -> {
                store.markPrinted(c, ticket, true);
                return null;
            });
        }
        return true;
    }

    /** @param unprintedTicket a ticket whose row must say it was not printed, in the alert's commit, or null */
    private void alert(String message, IssuedTicket unprintedTicket) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("kind", "printer");
        data.put("message", message);
        try {
            database.transaction(tx -> {
                if (unprintedTicket != null) {
                    store.markPrinted(tx.connection(), unprintedTicket, false);
                }
                return tx.append(EventType.ALERT, data);
            });
        } catch (RuntimeException e) {
            log.warn("alert not recorded: {}", e.toString());
        }
    }

    /**
     * Prints today's ticket {@code number} again (marked as a reprint).
     *
     * @throws org.openhall.kiosk.refusals.RefusedException {@code invalid_argument} for an unknown number,
     *     {@code printer_unavailable}
     */
    public void reprint(String number) {
        IssuedTicket ticket = database.inTransaction(c -> store.find(c, store.serviceDay(c, clock, zone), number)).orElseThrow(
                () -> Refusal.INVALID_ARGUMENT.because("no ticket " + number + " today"));
        issuing.lock();
        try {
            requirePrinter();
            if (!printTicket(ticket, true)) {
                throw Refusal.PRINTER_UNAVAILABLE.because("printer " + printer.state().wireName());
            }
        } finally {
            issuing.unlock();
        }
    }

    /** @throws org.openhall.kiosk.refusals.RefusedException {@code printer_unavailable} */
    public void printTestPage() {
        issuing.lock();
        try {
            requirePrinter();
            printer.print(encoder.encode(layout.testPage(OffsetDateTime.ofInstant(clock.instant(), zone))));
        } catch (PrintFailedException e) {
            throw Refusal.PRINTER_UNAVAILABLE.because(e.getMessage());
        } finally {
            issuing.unlock();
        }
    }

    private void requirePrinter() {
        PrinterState state = printer.check();
        if (!state.canPrint()) {
            throw Refusal.PRINTER_UNAVAILABLE.because("printer " + state.wireName());
        }
    }

    /**
     * Replaces the category list at once and for good (it survives restarts and overrides the
     * configuration's list from then on). Waiting tickets of a removed category can still be called.
     *
     * @throws org.openhall.kiosk.refusals.RefusedException {@code invalid_argument} for an empty list or a
     *     duplicate code
     */
    public void replaceCategories(List<Category> replacement) {
        Set<String> codes = new HashSet<>();
        for (Category c : replacement) {
            if (!Category.CODE.matcher(c.code()).matches() || !codes.add(c.code())) {
                throw Refusal.INVALID_ARGUMENT.because("bad or duplicate category code " + c.code());
            }
        }
        if (replacement.isEmpty()) {
            throw Refusal.INVALID_ARGUMENT.because("the category list is empty");
        }
        List<Category> copy = List.copyOf(replacement);
        database.inTransaction(c -> {
            store.replaceCategories(c, copy);
            return null;
        });
        categories = copy;
        try {
            categoriesCopy.write(copy);
        } catch (StorageException e) {
            // the database holds them; only a later corruption of its schema would lose them
            log.warn("categories copy not written: {}", e.getMessage());
        }
        log.info("categories replaced: {}", copy.stream().map(Category::code).toList());
        changeListeners.forEach(TicketService::runQuietly);
    }

    public List<Category> categories() {
        return categories;
    }

    public Optional<Category> category(String code) {
        return categories.stream().filter(c -> c.code().equals(code)).findFirst();
    }

    /** Today's waiting line per current category, in the categories' order. */
    public List<CategoryQueue> queue() {
        Map<String, Long> waiting = database.inTransaction(c -> store.waitingByCategory(c, store.serviceDay(c, clock, zone)));
        List<CategoryQueue> out = new ArrayList<>();
        for (Category c : categories) {
            out.add(new CategoryQueue(c.code(), c.name(), c.nameEn(), waiting.getOrDefault(c.code(), 0L)));
        }
        return out;
    }

    /** Tickets issued on the current service day. */
    public long ticketsToday() {
        return database.inTransaction(c -> store.issuedOn(c, store.serviceDay(c, clock, zone)));
    }

    public LocalDate serviceDay() {
        return database.inTransaction(c -> store.serviceDay(c, clock, zone));
    }

    public PrinterState printerState() {
        return printer.state();
    }

    /** Fired after every commit that changes waiting counts by an issue, or the categories. */
    public void onChange(Runnable listener) {
        changeListeners.add(listener);
    }

    private static void runQuietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            log.warn("ticket listener failed: {}", e.toString());
        }
    }
}

package org.openhall.kiosk.tickets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.openhall.kiosk.config.KioskConfig;
import org.openhall.kiosk.events.EventCodec;
import org.openhall.kiosk.json.Json;
import org.openhall.kiosk.outbox.Outbox;
import org.openhall.kiosk.outbox.PendingEvent;
import org.openhall.kiosk.printer.Printer;
import org.openhall.kiosk.refusals.Refusal;
import org.openhall.kiosk.refusals.RefusedException;
import org.openhall.kiosk.storage.Database;
import org.openhall.kiosk.testing.TestKiosk;

/** A real queue on a real SQLite file in {@code dir}: database, outbox and ticket service, as the kiosk builds them. */
final class QueueFixture implements AutoCloseable {
    static final String CATEGORIES = TestKiosk.TWO_CATEGORIES;
    private static final Json JSON = new Json();

    final KioskConfig config;
    final Database database;
    final Outbox outbox;
    final TicketService tickets;
    final CallingService calling;

    QueueFixture(Path dir, Clock clock, Printer printer) {
        this(dir, clock, printer, "");
    }

    QueueFixture(Path dir, Clock clock, Printer printer, String extraToml) {
        config = TestKiosk.config(TestKiosk.baseToml("q-01", dir, "tcp://127.0.0.1:1") + CATEGORIES + extraToml);
        database = new Database(dir.resolve("kiosk.db"), clock);
        database.open();
        outbox = new Outbox(database, dir.resolve("seq.floor"), new EventCodec(JSON, "q-01", "test"), JSON, clock,
                config.kiosk().timezone(), config.outbox().maxEvents());
        outbox.start();
        tickets = new TicketService(config, database, printer, clock);
        tickets.start();
        calling = new CallingService(tickets, config.windows(), database, clock, config.kiosk().timezone());
    }

    /** "next" at the window by command; empty when nobody waits. */
    Optional<String> call(String window, List<String> categories) {
        try {
            return Optional.of(calling.next(window, categories, "command"));
        } catch (RefusedException e) {
            if (e.refusal() == Refusal.QUEUE_EMPTY) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The data of every unsent event of {@code type}, oldest first. */
    List<JsonNode> events(String type) {
        return outbox.page(-1, 0, 10_000).stream().filter(e -> e.type().equals(type)).map(QueueFixture::data).toList();
    }

    private static JsonNode data(PendingEvent e) {
        try {
            return JSON.readTree(e.payload()).get("data");
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void close() {
        outbox.stop();
        database.close();
    }
}

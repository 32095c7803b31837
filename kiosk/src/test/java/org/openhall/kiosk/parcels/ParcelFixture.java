package org.openhall.kiosk.parcels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.openhall.kiosk.config.KioskConfig;
import org.openhall.kiosk.events.EventCodec;
import org.openhall.kiosk.json.Json;
import org.openhall.kiosk.outbox.Outbox;
import org.openhall.kiosk.outbox.PendingEvent;
import org.openhall.kiosk.printer.Printer;
import org.openhall.kiosk.storage.Database;
import org.openhall.kiosk.testing.TestKiosk;

/** Real parcels on a real SQLite file in {@code dir}: database, outbox and parcel service as the kiosk builds them. */
final class ParcelFixture implements AutoCloseable {
    private static final Json JSON = new Json();

    final KioskConfig config;
    final Database database;
    final Outbox outbox;
    final ParcelService parcels;
    final AtomicLong nanos = new AtomicLong();

    ParcelFixture(Path dir, Clock clock, Printer printer) {
        config = TestKiosk.config(TestKiosk.baseToml("p-01", dir, "tcp://127.0.0.1:1") + TestKiosk.TWO_CATEGORIES);
        database = new Database(dir.resolve("kiosk.db"), clock);
        database.open();
        outbox = new Outbox(database, dir.resolve("seq.floor"), new EventCodec(JSON, "p-01", "test"), JSON, clock,
                config.kiosk().timezone(), config.outbox().maxEvents());
        outbox.start();
        parcels = new ParcelService(config, database, printer, clock, nanos::get);
        parcels.start();
    }

    List<PendingEvent> pending() {
        return outbox.page(-1, 0, 10_000);
    }

    /** The data of every unsent event of {@code type}, oldest first. */
    List<JsonNode> events(String type) {
        return pending().stream().filter(e -> e.type().equals(type)).map(ParcelFixture::data).toList();
    }

    /** Acknowledges every unsent event, as the relay does when the broker has them. */
    void deliverAll() {
        outbox.delete(pending().stream().map(PendingEvent::seq).toList());
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

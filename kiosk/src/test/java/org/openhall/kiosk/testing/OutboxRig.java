package org.openhall.kiosk.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.openhall.kiosk.config.KioskConfig;
import org.openhall.kiosk.events.Event;
import org.openhall.kiosk.events.EventCodec;
import org.openhall.kiosk.events.EventType;
import org.openhall.kiosk.json.Json;
import org.openhall.kiosk.mqtt.MqttLink;
import org.openhall.kiosk.outbox.Outbox;
import org.openhall.kiosk.outbox.Relay;
import org.openhall.kiosk.storage.Database;

/**
 * The kiosk's delivery path alone, wired as app/Kiosk wires it (real SQLite file, real relay, real Paho
 * link) but without devices or HTTP, so tests and the benchmark can append events directly.
 */
public final class OutboxRig implements AutoCloseable {
    public static final Json JSON = new Json();
    private final Database database;
    private final Outbox outbox;
    private final MqttLink link;
    private final Relay relay;

    private OutboxRig(Database database, Outbox outbox, MqttLink link, Relay relay) {
        this.database = database;
        this.outbox = outbox;
        this.link = link;
        this.relay = relay;
    }

    public static OutboxRig start(KioskConfig config, Clock clock, int window) {
        OutboxRig rig = startWithoutLink(config, clock, window);
        rig.link.start();
        return rig;
    }

    /** Everything but the connection: events pile up until {@link #startLink()}. */
    public static OutboxRig startWithoutLink(KioskConfig config, Clock clock, int window) {
        try {
            Files.createDirectories(config.kiosk().dataDir());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Path dir = config.kiosk().dataDir();
        Database db = new Database(dir.resolve("kiosk.db"), clock);
        db.open();
        Outbox outbox = new Outbox(db, dir.resolve("seq.floor"), new EventCodec(JSON, config.kiosk().id(),
                config.kiosk().site()), JSON, clock, config.kiosk().timezone(), config.outbox().maxEvents());
        outbox.start();
        MqttLink link = new MqttLink(config, JSON, clock, "test", RandomGenerator.getDefault());
        Relay relay = new Relay(outbox, link, clock, window, TimeUnit.HOURS.toMillis(config.outbox().telemetryTtlH()));
        relay.start();
        return new OutboxRig(db, outbox, link, relay);
    }

    public void startLink() {
        link.start();
    }

    public Event append(EventType type, ObjectNode data) {
        return database.transaction(tx -> tx.append(type, data));
    }

    public Outbox outbox() {
        return outbox;
    }

    public MqttLink link() {
        return link;
    }

    public Relay relay() {
        return relay;
    }

    public Database database() {
        return database;
    }

    public static ObjectNode data(Object... keysAndValues) {
        ObjectNode n = JSON.createObjectNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            String key = (String) keysAndValues[i];
            switch (keysAndValues[i + 1]) {
                case String v -> n.put(key, v);
                case Integer v -> n.put(key, v);
                case Long v -> n.put(key, v);
                case Boolean v -> n.put(key, v);
                case JsonNode v -> n.set(key, v);
                case null -> n.putNull(key);
                default -> throw new IllegalArgumentException("no JSON for a " + keysAndValues[i + 1].getClass());
            }
        }
        return n;
    }

    @Override
    public void close() {
        link.stop(3_000);
        relay.stop();
        outbox.stop();
        database.close();
    }
}

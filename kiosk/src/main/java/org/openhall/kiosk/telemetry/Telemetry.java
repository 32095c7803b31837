package org.openhall.kiosk.telemetry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import org.openhall.kiosk.events.EventType;
import org.openhall.kiosk.json.Json;
import org.openhall.kiosk.outbox.OutboxStats;
import org.openhall.kiosk.storage.Database;

/** Builds the telemetry event of the contract and records it in the outbox. */
public final class Telemetry {
    private final Database database;
    private final TelemetryInputs inputs;
    private final SystemProbe probe;
    private final Json json;
    private final Clock clock;
    private final Instant started;

    public Telemetry(Database database, TelemetryInputs inputs, SystemProbe probe, Json json, Clock clock) {
        this.database = database;
        this.inputs = inputs;
        this.probe = probe;
        this.json = json;
        this.clock = clock;
        this.started = clock.instant();
    }

    public ObjectNode snapshot() {
        ObjectNode data = json.createObjectNode();
        data.put("uptimeS", Math.max(0, clock.instant().getEpochSecond() - started.getEpochSecond()));
        OutboxStats stats = inputs.outbox().get();
        ObjectNode box = data.putObject("outbox");
        box.put("depth", stats.depth());
        box.put("oldestAgeS", stats.oldestAgeS());
        box.put("dropped", stats.dropped());
        box.put("droppedCapacity", stats.droppedCapacity());
        box.put("droppedExpired", stats.droppedExpired());
        box.put("refused", stats.refused());
        data.putObject("mqtt").put("reconnects", inputs.mqttReconnects().getAsLong());
        data.put("printer", inputs.printerState().get());
        data.put("ticketsToday", inputs.ticketsToday().getAsLong());
        data.put("ratingsToday", inputs.ratingsToday().getAsLong());
        data.put("heapUsedBytes", probe.heapUsedBytes());
        Long disk = probe.diskFreeBytes();
        if (disk == null) {
            data.putNull("diskFreeBytes");
        } else {
            data.put("diskFreeBytes", disk);
        }
        Double temp = probe.cpuTempC();
        if (temp == null) {
            data.putNull("cpuTempC");
        } else {
            data.put("cpuTempC", temp);
        }
        return data;
    }

    /** Commits one telemetry event; it leaves with the next relay pass. */
    public void report() {
        ObjectNode data = snapshot();
        database.transaction(tx -> tx.append(EventType.TELEMETRY, data));
    }
}

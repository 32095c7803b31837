package org.openhall.kiosk.telemetry;

import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.openhall.kiosk.outbox.OutboxStats;

/** Where the figures of a telemetry report come from; each domain supplies its own. */
public record TelemetryInputs(
        Supplier<OutboxStats> outbox,
        LongSupplier mqttReconnects,
        Supplier<String> printerState,
        LongSupplier ticketsToday,
        LongSupplier ratingsToday) {}

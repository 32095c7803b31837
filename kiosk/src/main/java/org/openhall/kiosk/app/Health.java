package org.openhall.kiosk.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.openhall.kiosk.json.Json;
import org.openhall.kiosk.printer.PrinterState;
import org.openhall.kiosk.storage.StorageHealth;

/**
 * {@code GET /api/health} (interface.md sections 4 and 6): always 200; {@code "status"} is {@code "ok"} or
 * {@code "degraded"} and {@code "problems"} lists why: {@code storage_full} / {@code storage_failing},
 * {@code printer_<state>} for any printer state but ok (no printer configured is not a problem), and
 * {@code gpio_failing}. MQTT being disconnected is not a problem: the kiosk buffers.
 */
final class Health {
    private final Json json;
    private final String kioskId;
    private final StorageHealth storage;
    private final Supplier<PrinterState> printer;
    private final BooleanSupplier gpioFailing;
    private final Supplier<String> mqtt;
    private final LongSupplier outboxDepth;

    Health(Json json, String kioskId, StorageHealth storage, Supplier<PrinterState> printer,
            BooleanSupplier gpioFailing, Supplier<String> mqtt, LongSupplier outboxDepth) {
        this.json = json;
        this.kioskId = kioskId;
        this.storage = storage;
        this.printer = printer;
        this.gpioFailing = gpioFailing;
        this.mqtt = mqtt;
        this.outboxDepth = outboxDepth;
    }

    List<String> problems() {
        List<String> out = new ArrayList<>();
        storage.problem().ifPresent(p -> out.add(p.word()));
        PrinterState state = printer.get();
        if (state != PrinterState.OK && state != PrinterState.NONE) {
            out.add("printer_" + state.wireName());
        }
        if (gpioFailing.getAsBoolean()) {
            out.add("gpio_failing");
        }
        return out;
    }

    ObjectNode report() {
        List<String> problems = problems();
        ObjectNode h = json.createObjectNode();
        h.put("status", problems.isEmpty() ? "ok" : "degraded");
        ArrayNode list = h.putArray("problems");
        problems.forEach(list::add);
        h.put("kiosk", kioskId);
        h.put("mqtt", mqtt.get());
        h.put("outboxDepth", outboxDepth.getAsLong());
        h.put("printer", printer.get().wireName());
        return h;
    }
}

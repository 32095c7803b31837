package org.openhall.kiosk.printer;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openhall.kiosk.events.EventType;
import org.openhall.kiosk.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Records a {@code printer.status} event for every change of the printer's state. */
public final class PrinterStatusReporter {
    private static final Logger log = LoggerFactory.getLogger(PrinterStatusReporter.class);

    private PrinterStatusReporter() {}

    public static void attach(Printer printer, Database database) {
        printer.onStateChange(state -> {
            if (state == PrinterState.NONE) {
                return;
            }
            ObjectNode data = JsonNodeFactory.instance.objectNode();
            data.put("state", state.wireName());
            try {
                database.transaction(tx -> tx.append(EventType.PRINTER_STATUS, data));
            } catch (RuntimeException e) {
                log.warn("printer.status {} not recorded: {}", state.wireName(), e.toString());
            }
        });
    }
}

package org.openhall.kiosk.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.openhall.kiosk.parcels.ParcelRefusedException;
import org.openhall.kiosk.parcels.ParcelService;
import org.openhall.kiosk.parcels.Worker;

/**
 * {@code workers}: the centre sets the full list of grid workers who may take parcels at this kiosk,
 * {@code {"workers":[{"id":"W01","name":"李四"}]}}; persisted; result {@code {"workers":n}}.
 */
public final class WorkersHandler implements CommandHandler {
    private static final Set<String> FIELDS = Set.of("id", "name");
    private final ParcelService parcels;

    public WorkersHandler(ParcelService parcels) {
        this.parcels = parcels;
    }

    @Override
    public JsonNode execute(Command command) throws CommandException {
        JsonNode list = command.args().get("workers");
        if (list == null || !list.isArray() || list.size() > ParcelService.MAX_WORKERS) {
            throw CommandException.invalid("workers", "an array of at most " + ParcelService.MAX_WORKERS
                    + " objects {\"id\",\"name\"}");
        }
        List<Worker> workers = new ArrayList<>();
        try {
            for (int i = 0; i < list.size(); i++) {
                JsonNode w = list.get(i);
                if (!w.isObject() || !FIELDS.containsAll(iterable(w)) || !text(w, "id") || !text(w, "name")) {
                    throw CommandException.invalid("workers[" + i + "]", "an object with the strings id and name only");
                }
                workers.add(Worker.of(w.get("id").asText(), w.get("name").asText()));
            }
            parcels.replaceWorkers(workers);
        } catch (ParcelRefusedException e) {
            throw new CommandException(e.refusal(), e.getMessage());
        }
        return JsonNodeFactory.instance.objectNode().put("workers", workers.size());
    }

    private static boolean text(JsonNode w, String field) {
        return w.get(field) != null && w.get(field).isTextual();
    }

    private static List<String> iterable(JsonNode w) {
        List<String> names = new ArrayList<>();
        w.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

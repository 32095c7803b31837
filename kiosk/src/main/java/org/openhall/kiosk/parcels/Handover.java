package org.openhall.kiosk.parcels;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A hand-over: a grid worker taking parcels at one window. Open while the clerk scans ({@code at} null),
 * confirmed once its events are committed.
 */
public record Handover(String handoverId, String window, Worker worker, List<Parcel> parcels, OffsetDateTime at,
        boolean printed) {
    public Handover {
        parcels = List.copyOf(parcels);
    }

    public boolean confirmed() {
        return at != null;
    }

    public ObjectNode view() {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("handoverId", handoverId);
        data.put("window", window);
        data.put("worker", worker.id());
        data.put("workerName", worker.name());
        data.put("state", confirmed() ? "confirmed" : "open");
        if (confirmed()) {
            data.put("at", at.toString());
            data.put("printed", printed);
        }
        ArrayNode list = data.putArray("parcels");
        parcels.forEach(p -> list.add(p.view()));
        return data;
    }

    /** The {@code parcel.handed_over} data for one of its parcels. */
    ObjectNode eventData(Parcel p, boolean receiptPrinted) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("parcelId", p.parcelId());
        data.put("number", p.number());
        data.put("matter", p.matter());
        data.put("handoverId", handoverId);
        data.put("worker", worker.id());
        data.put("workerName", worker.name());
        data.put("window", window);
        data.put("parcels", parcels.size());
        data.put("printed", receiptPrinted);
        return data;
    }
}

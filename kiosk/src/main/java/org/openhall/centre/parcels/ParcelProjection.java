package org.openhall.centre.parcels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.openhall.centre.store.Envelope;
import org.openhall.centre.store.Projection;
import org.openhall.centre.store.Transaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the parcel tables in step with {@code parcel.registered} and {@code parcel.handed_over}, inside the
 * ingest transaction. The registered event's {@code personal} object goes into {@code parcel_personal} and
 * is cut out of the stored envelope in the same commit, so the event store (which every role may read via
 * {@code /api/events}) never holds a resident's full name, phone or address. Events may arrive in any order:
 * a hand-over seen before its registration makes the row, and the registration fills it in later without
 * moving its state back.
 */
public final class ParcelProjection implements Projection {
    private static final Logger log = LoggerFactory.getLogger(ParcelProjection.class);
    static final String REGISTERED = "parcel.registered";
    static final String HANDED_OVER = "parcel.handed_over";

    private final ObjectMapper json;

    public ParcelProjection(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void project(List<Envelope> stored, Transaction tx) throws SQLException {
        for (Envelope e : stored) {
            if (!e.type().equals(REGISTERED) && !e.type().equals(HANDED_OVER)) {
                continue;
            }
            JsonNode data = data(e);
            if (data == null || !data.path("parcelId").isTextual()) {
                // an unreadable event must not stall ingest: it stays stored, the parcel view lacks it
                log.warn("{} seq {} of {}/{} has no readable data; parcel view not updated", e.type(), e.seq(), e.site(), e.kiosk());
                continue;
            }
            if (e.type().equals(REGISTERED)) {
                registered(tx.connection(), e, data);
            } else {
                handedOver(tx.connection(), e, data);
            }
        }
    }

    private JsonNode data(Envelope e) {
        try {
            JsonNode data = e.data(json);
            return data.isObject() ? data : null;
        } catch (IOException ex) {
            return null;
        }
    }

    private void registered(Connection c, Envelope e, JsonNode d) throws SQLException {
        String id = d.get("parcelId").asText();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO parcel (parcel_id, site, kiosk, number, matter, "
                + "resident_masked, phone_masked, window_id, service_day, registered_ms, state, updated_ms) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'registered', ?) ON CONFLICT (parcel_id) DO UPDATE SET "
                + "number = excluded.number, matter = excluded.matter, resident_masked = excluded.resident_masked, "
                + "phone_masked = excluded.phone_masked, window_id = excluded.window_id, "
                + "service_day = excluded.service_day, registered_ms = excluded.registered_ms")) {
            ps.setString(1, id);
            ps.setString(2, e.site());
            ps.setString(3, e.kiosk());
            ps.setString(4, d.path("number").asText(null));
            ps.setString(5, d.path("matter").asText(null));
            ps.setString(6, d.path("residentName").asText(null));
            ps.setString(7, d.path("phone").asText(null));
            ps.setString(8, d.path("window").asText(null));
            ps.setString(9, d.path("serviceDay").asText(null));
            ps.setLong(10, e.timeMs());
            ps.setLong(11, e.timeMs());
            ps.executeUpdate();
        }
        JsonNode personal = d.get("personal");
        if (personal != null && personal.isObject() && personal.path("residentName").isTextual()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO parcel_personal (parcel_id, resident_name, phone, "
                    + "address, note) VALUES (?, ?, ?, ?, ?) ON CONFLICT (parcel_id) DO NOTHING")) {
                ps.setString(1, id);
                ps.setString(2, personal.path("residentName").asText());
                ps.setString(3, personal.path("phone").asText(""));
                ps.setString(4, personal.path("address").asText(""));
                ps.setString(5, personal.path("note").isTextual() ? personal.get("note").asText() : null);
                ps.executeUpdate();
            }
        }
        if (personal != null) {
            redact(c, e, d); // whatever its shape: nothing under personal stays in the event store
        }
    }

    /** Rewrites the stored envelope without {@code data.personal}; its marker says it was there. */
    private void redact(Connection c, Envelope e, JsonNode d) throws SQLException {
        ObjectNode root;
        try {
            root = (ObjectNode) json.readTree(e.json());
        } catch (IOException ex) {
            return;
        }
        ((ObjectNode) root.get("data")).put("personal", "redacted");
        try (PreparedStatement ps = c.prepareStatement("UPDATE event SET envelope = ? WHERE site = ? AND kiosk = ? AND seq = ?")) {
            ps.setString(1, root.toString());
            ps.setString(2, e.site());
            ps.setString(3, e.kiosk());
            ps.setLong(4, e.seq());
            ps.executeUpdate();
        }
    }

    private static void handedOver(Connection c, Envelope e, JsonNode d) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO parcel (parcel_id, site, kiosk, number, matter, "
                + "state, worker, worker_name, handover_id, handed_over_ms, updated_ms) "
                + "VALUES (?, ?, ?, ?, ?, 'handed_over', ?, ?, ?, ?, ?) ON CONFLICT (parcel_id) DO UPDATE SET "
                + "state = CASE WHEN parcel.state = 'registered' THEN 'handed_over' ELSE parcel.state END, "
                + "worker = excluded.worker, worker_name = excluded.worker_name, handover_id = excluded.handover_id, "
                + "handed_over_ms = excluded.handed_over_ms, updated_ms = excluded.updated_ms")) {
            ps.setString(1, d.get("parcelId").asText());
            ps.setString(2, e.site());
            ps.setString(3, e.kiosk());
            ps.setString(4, d.path("number").asText(null));
            ps.setString(5, d.path("matter").asText(null));
            ps.setString(6, d.path("worker").asText(null));
            ps.setString(7, d.path("workerName").asText(null));
            ps.setString(8, d.path("handoverId").asText(null));
            ps.setLong(9, e.timeMs());
            ps.setLong(10, e.timeMs());
            ps.executeUpdate();
        }
    }
}

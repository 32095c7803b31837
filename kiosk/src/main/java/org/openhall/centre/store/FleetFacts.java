package org.openhall.centre.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a stored event tells about its kiosk's health: applied to the kiosk row, newest kiosk time wins. */
final class FleetFacts {
    private static final Pattern RESUMES_AT = Pattern.compile("seq resumes at (\\d+)");
    private final ObjectMapper json = new ObjectMapper();

    void apply(KioskRow row, Envelope e) {
        switch (e.type()) {
            case "telemetry" -> telemetry(row, e);
            case "printer.status" -> printer(row, e);
            case "alert" -> alert(row, e);
            default -> { }
        }
    }

    private void telemetry(KioskRow row, Envelope e) {
        if (row.telemetryTimeMs != null && row.telemetryTimeMs > e.timeMs()) {
            return;
        }
        JsonNode data = data(e);
        row.telemetryTimeMs = e.timeMs();
        JsonNode depth = data.path("outbox").path("depth");
        if (depth.isIntegralNumber()) {
            row.outboxDepth = depth.asLong();
        }
        row.ticketsToday = intOr(data.path("ticketsToday"), row.ticketsToday);
        row.ratingsToday = intOr(data.path("ratingsToday"), row.ratingsToday);
        JsonNode printer = data.path("printer");
        if (printer.isTextual() && (row.printerTimeMs == null || row.printerTimeMs <= e.timeMs())) {
            row.printer = printer.asText();
            row.printerTimeMs = e.timeMs();
        }
    }

    private void printer(KioskRow row, Envelope e) {
        JsonNode state = data(e).path("state");
        if (state.isTextual() && (row.printerTimeMs == null || row.printerTimeMs <= e.timeMs())) {
            row.printer = state.asText();
            row.printerTimeMs = e.timeMs();
        }
    }

    /** A {@code database_corrupt} alert explains the holes below the seq the kiosk resumed at. */
    private void alert(KioskRow row, Envelope e) {
        if (!"database_corrupt".equals(kind(e))) {
            return;
        }
        JsonNode data = data(e);
        long resumesAt = e.seq();
        if (data.path("seqResumesAt").isIntegralNumber()) {
            resumesAt = data.path("seqResumesAt").asLong();
        } else {
            Matcher m = RESUMES_AT.matcher(data.path("message").asText(""));
            if (m.find()) {
                resumesAt = Long.parseLong(m.group(1));
            }
        }
        row.lostBelow = Math.max(row.lostBelow, Math.min(resumesAt, e.seq()));
    }

    /** The {@code data.kind} of an alert, or null. */
    String kind(Envelope e) {
        JsonNode kind = data(e).path("kind");
        return kind.isTextual() ? kind.asText() : null;
    }

    private JsonNode data(Envelope e) {
        try {
            return e.data(json);
        } catch (IOException ex) {
            return json.missingNode();
        }
    }

    private static Integer intOr(JsonNode node, Integer fallback) {
        return node.isIntegralNumber() ? Integer.valueOf(node.asInt()) : fallback;
    }
}

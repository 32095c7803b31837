package org.openhall.kiosk.terminal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.openhall.kiosk.config.WindowSettings;
import org.openhall.kiosk.json.Json;
import org.openhall.kiosk.parcels.Handover;
import org.openhall.kiosk.parcels.Parcel;
import org.openhall.kiosk.parcels.ParcelInput;
import org.openhall.kiosk.parcels.ParcelRefusedException;
import org.openhall.kiosk.parcels.ParcelService;
import org.openhall.kiosk.parcels.Worker;
import org.openhall.kiosk.refusals.Refusal;
import org.openhall.kiosk.refusals.RefusedException;

/**
 * The clerk's parcel API (docs/parcels.md), every request with a window's clerk token as
 * {@code Authorization: Bearer} (the token says which window acts): register a parcel and print its label,
 * list the grid workers, and a hand-over: start it for a worker, scan parcels, confirm (receipt printed).
 * Refusals are 4xx {@code {"error":word,"field":…,"message":…}} and change nothing. The server has already
 * checked each body (one object, no duplicate keys, only the fields declared here).
 */
public final class ParcelRoutes {
    private static final String PARCELS = "/api/parcels/";
    private static final String HANDOVERS = "/api/handovers/";
    private static final Set<String> PARCEL_FIELDS = Set.of("matter", "residentName", "phone", "address", "note");
    static final int LIST_LIMIT = 200;

    private final ParcelService parcels;
    private final List<WindowSettings> windows;
    private final Json json;

    public ParcelRoutes(ParcelService parcels, List<WindowSettings> windows, Json json) {
        this.parcels = parcels;
        this.windows = List.copyOf(windows);
        this.json = json;
    }

    public void register(TerminalServer server) {
        server.route("GET", "/api/parcels", clerk((window, request) -> waiting()));
        server.route("POST", "/api/parcels", PARCEL_FIELDS, clerk(this::registerParcel));
        server.route("GET", "/api/parcels/workers", clerk((window, request) -> workers()));
        server.prefixRoute("GET", PARCELS, clerk(this::parcel));
        server.prefixRoute("POST", PARCELS, Set.of(), clerk(this::reprintLabel));
        server.route("POST", "/api/handovers", Set.of("worker"), clerk(this::start));
        server.prefixRoute("GET", HANDOVERS, clerk(this::handover));
        server.prefixRoute("POST", HANDOVERS, Set.of("code"), clerk(this::handoverAction));
        server.prefixRoute("DELETE", HANDOVERS, clerk(this::unscan));
    }

    private interface ClerkRoute {
        HttpResponse handle(String window, HttpRequest request);
    }

    /** Finds the window whose token the request carries; 401 without one; refusals become 4xx/503. */
    private Route clerk(ClerkRoute route) {
        return request -> {
            Optional<String> window = window(request.header("Authorization").orElse(""));
            if (window.isEmpty()) {
                return HttpResponse.refused(Refusal.UNAUTHORIZED);
            }
            try {
                return route.handle(window.get(), request);
            } catch (RefusedException e) {
                return refusal(e);
            }
        };
    }

    private Optional<String> window(String header) {
        String found = null;
        for (WindowSettings w : windows) { // every token compared, in constant time each
            if (WindowRoutes.authorized(w, header) && found == null) {
                found = w.id();
            }
        }
        return Optional.ofNullable(found);
    }

    /** The refusal's word and status; a parcel's refusal also says which field, and what is wrong, in English. */
    private HttpResponse refusal(RefusedException e) {
        if (!(e instanceof ParcelRefusedException p)) {
            return HttpResponse.refused(e.refusal());
        }
        ObjectNode body = json.createObjectNode().put("error", e.code());
        if (p.field() != null) {
            body.put("field", p.field());
        }
        body.put("message", e.getMessage());
        return HttpResponse.json(e.refusal().httpStatus(), body);
    }

    private HttpResponse registerParcel(String window, HttpRequest request) {
        ObjectNode body = object(request, PARCEL_FIELDS);
        ParcelInput input = ParcelInput.of(text(body, "matter"), text(body, "residentName"), text(body, "phone"),
                text(body, "address"), text(body, "note"));
        return HttpResponse.json(201, parcels.register(input, window).view());
    }

    private HttpResponse waiting() {
        ObjectNode body = json.createObjectNode();
        ArrayNode list = body.putArray("parcels");
        parcels.waiting(LIST_LIMIT).forEach(p -> list.add(p.view()));
        return HttpResponse.json(200, body);
    }

    private HttpResponse workers() {
        ObjectNode body = json.createObjectNode();
        ArrayNode list = body.putArray("workers");
        for (Worker w : parcels.workers()) {
            list.addObject().put("id", w.id()).put("name", w.name());
        }
        return HttpResponse.json(200, body);
    }

    private HttpResponse parcel(String window, HttpRequest request) {
        String code = request.path().substring(PARCELS.length());
        Parcel p = parcels.find(code).orElseThrow(() -> new ParcelRefusedException(Refusal.UNKNOWN_PARCEL, "code", "no such parcel"));
        return HttpResponse.json(200, p.view().put("handedOver", p.handedOver()));
    }

    /** {@code POST /api/parcels/{id}/label}: prints the label again. */
    private HttpResponse reprintLabel(String window, HttpRequest request) {
        String[] parts = request.path().substring(PARCELS.length()).split("/", -1);
        if (parts.length != 2 || !parts[1].equals("label")) {
            return HttpResponse.error(404, "not_found");
        }
        return HttpResponse.json(200, parcels.reprintLabel(parts[0]).view());
    }

    private HttpResponse start(String window, HttpRequest request) {
        ObjectNode body = object(request, Set.of("worker"));
        String worker = text(body, "worker");
        if (worker == null || !Worker.ID.matcher(worker.strip()).matches()) {
            throw new ParcelRefusedException(Refusal.UNKNOWN_WORKER, "worker", "worker: a worker id from the list");
        }
        return HttpResponse.json(201, parcels.startHandover(window, worker.strip()).view());
    }

    private HttpResponse handover(String window, HttpRequest request) {
        String id = request.path().substring(HANDOVERS.length());
        return HttpResponse.json(200, parcels.handover(window, id).view());
    }

    /** {@code POST /api/handovers/{id}/scans|confirm|cancel|reprint}. */
    private HttpResponse handoverAction(String window, HttpRequest request) {
        String[] parts = request.path().substring(HANDOVERS.length()).split("/", -1);
        if (parts.length != 2) {
            return HttpResponse.error(404, "not_found");
        }
        String id = parts[0];
        return switch (parts[1]) {
            case "scans" -> {
                ObjectNode body = object(request, Set.of("code"));
                Handover h = parcels.scan(window, id, text(body, "code"));
                yield HttpResponse.json(200, h.view());
            }
            case "confirm" -> HttpResponse.json(200, parcels.confirm(window, id).view());
            case "cancel" -> {
                parcels.cancel(window, id);
                yield HttpResponse.json(200, json.createObjectNode().put("handoverId", id).put("state", "cancelled"));
            }
            case "reprint" -> HttpResponse.json(200, parcels.reprintReceipt(window, id).view());
            default -> HttpResponse.error(404, "not_found");
        };
    }

    /** {@code DELETE /api/handovers/{id}/scans/{parcelId}}: takes a parcel off the list. */
    private HttpResponse unscan(String window, HttpRequest request) {
        String[] parts = request.path().substring(HANDOVERS.length()).split("/", -1);
        if (parts.length != 3 || !parts[1].equals("scans")) {
            return HttpResponse.error(404, "not_found");
        }
        return HttpResponse.json(200, parcels.unscan(window, parts[0], parts[2]).view());
    }

    /** The checked body (only declared fields); each value must be a string or null. */
    private static ObjectNode object(HttpRequest request, Set<String> allowed) {
        ObjectNode body = request.json();
        if (body == null) {
            throw new ParcelRefusedException(Refusal.INVALID_ARGUMENT, "the body must be one JSON object");
        }
        for (String name : allowed) {
            JsonNode value = body.get(name);
            if (value != null && !value.isTextual() && !value.isNull()) {
                throw new ParcelRefusedException(Refusal.INVALID_ARGUMENT, name, name + ": must be a string");
            }
        }
        return body;
    }

    private static String text(ObjectNode body, String name) {
        JsonNode v = body.get(name);
        return v == null || v.isNull() ? null : v.asText();
    }
}

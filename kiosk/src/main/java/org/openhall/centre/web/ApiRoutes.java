package org.openhall.centre.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openhall.centre.accounts.Role;
import org.openhall.centre.commands.CommandDesk;
import org.openhall.centre.commands.CommandPublisher;
import org.openhall.centre.fleet.AlarmKeeper;
import org.openhall.centre.store.Alarm;
import org.openhall.centre.store.CentreStore;
import org.openhall.centre.store.EventQuery;
import org.openhall.centre.store.KioskId;
import org.openhall.centre.store.KioskView;

/** The JSON API of interface.md section 8 (fleet, events, alarms, commands, health). */
final class ApiRoutes {
    private static final Pattern KIOSK = Pattern.compile("^/api/kiosks/([^/]+)/([^/]+)$");
    private static final Pattern COMMAND = Pattern.compile("^/api/kiosks/([^/]+)/([^/]+)/commands/([^/]+)$");
    private static final Pattern ACK = Pattern.compile("^/api/alarms/(\\d{1,18})/ack$");
    private static final Set<String> STATES = Set.of(Alarm.ACTIVE, Alarm.ACKNOWLEDGED, Alarm.CLEARED);
    private static final Duration COMMAND_WAIT = Duration.ofSeconds(10);
    private final CentreStore store;
    private final AlarmKeeper alarms;
    private final CommandDesk commands;
    private final Supplier<Health> health;
    private final Views views;
    private final ObjectMapper json;
    private final Guard guard;
    private final ZoneId zone;

    ApiRoutes(CentreStore store, AlarmKeeper alarms, CommandDesk commands, Supplier<Health> health, Views views,
            ObjectMapper json, Guard guard, ZoneId zone) {
        this.store = store;
        this.alarms = alarms;
        this.commands = commands;
        this.health = health;
        this.views = views;
        this.json = json;
        this.guard = guard;
        this.zone = zone;
    }

    void handle(Exchange x) throws IOException, Exchange.BodyTooLarge, InterruptedException {
        if (x.path.equals("/api/health")) {
            only(x, "GET", () -> health(x));
            return;
        }
        if (x.principal == null) {
            x.error(401, "unauthorized");
            return;
        }
        Matcher m;
        if (x.path.equals("/api/kiosks")) {
            only(x, "GET", () -> kiosks(x));
        } else if ((m = KIOSK.matcher(x.path)).matches()) {
            KioskId id = new KioskId(m.group(1), m.group(2));
            only(x, "GET", () -> kiosk(x, id));
        } else if ((m = COMMAND.matcher(x.path)).matches()) {
            if (!x.method.equals("POST")) {
                x.error(405, "method_not_allowed");
            } else if (guard.allowed(x, Role.ADMIN)) {
                command(x, new KioskId(m.group(1), m.group(2)), m.group(3));
            }
        } else if (x.path.equals("/api/events")) {
            only(x, "GET", () -> events(x));
        } else if (x.path.equals("/api/alarms")) {
            only(x, "GET", () -> alarmList(x));
        } else if ((m = ACK.matcher(x.path)).matches()) {
            if (!x.method.equals("POST")) {
                x.error(405, "method_not_allowed");
            } else if (guard.allowed(x, Role.SUPERVISOR)) {
                ack(x, Long.parseLong(m.group(1)));
            }
        } else {
            x.error(404, "not_found");
        }
    }

    private void health(Exchange x) {
        Health h = health.get();
        ObjectNode o = json.createObjectNode();
        o.put("status", h.mqttConnected() && h.databaseOk() ? "ok" : "degraded");
        o.put("mqtt", h.mqttConnected() ? "connected" : "disconnected");
        o.put("database", h.databaseOk() ? "ok" : "failing");
        ObjectNode ingest = o.putObject("ingest");
        ingest.put("received", h.received());
        ingest.put("stored", h.stored());
        ingest.put("duplicates", h.duplicates());
        ingest.put("conflicts", h.conflicts());
        ingest.put("junk", h.junk());
        ingest.put("queued", h.queued());
        ingest.put("batches", h.batches());
        ingest.put("storeMs", h.storeMs());
        x.json(200, o.toString());
    }

    private void kiosks(Exchange x) {
        ObjectNode o = json.createObjectNode();
        ArrayNode list = o.putArray("kiosks");
        for (KioskView k : store.kiosks()) {
            list.add(views.kiosk(k));
        }
        x.json(200, o.toString());
    }

    private void kiosk(Exchange x, KioskId id) {
        Optional<KioskView> k = store.kiosk(id);
        if (k.isEmpty()) {
            x.error(404, "unknown_kiosk");
            return;
        }
        ObjectNode o = views.kiosk(k.get());
        o.set("completeness", views.completeness(store.completeness(id)));
        x.json(200, o.toString());
    }

    private void events(Exchange x) {
        Long from;
        Long to;
        int limit;
        try {
            from = instant(x.param("from"), false);
            to = instant(x.param("to"), true);
            limit = x.param("limit") == null ? 1000 : Integer.parseInt(x.param("limit"));
        } catch (DateTimeException | NumberFormatException e) {
            x.error(400, "invalid_argument");
            return;
        }
        if (limit < 1 || limit > 10_000) {
            x.error(400, "invalid_argument");
            return;
        }
        List<String> events = store.events(new EventQuery(x.param("site"), x.param("kiosk"), x.param("type"), from, to, limit));
        // the envelopes go out exactly as they were received
        x.json(200, "{\"events\":[" + String.join(",", events) + "]}");
    }

    /** An ISO time with offset, or a date in the centre's zone ({@code to} a date: to the end of that day). */
    private Long instant(String value, boolean endOfDay) {
        if (value == null) {
            return null;
        }
        if (value.length() == 10) {
            LocalDate day = LocalDate.parse(value);
            return (endOfDay ? day.plusDays(1) : day).atStartOfDay(zone).toInstant().toEpochMilli();
        }
        return OffsetDateTime.parse(value).toInstant().toEpochMilli();
    }

    private void alarmList(Exchange x) {
        String state = x.param("state");
        if (state != null && !STATES.contains(state)) {
            x.error(400, "invalid_argument");
            return;
        }
        KioskId kiosk = x.param("site") != null && x.param("kiosk") != null ? new KioskId(x.param("site"), x.param("kiosk")) : null;
        x.json(200, views.alarms(store.alarms(state, kiosk, 1000)).toString());
    }

    private void ack(Exchange x, long id) throws IOException, Exchange.BodyTooLarge {
        JsonNode body = object(x.body());
        if (body == null || (body.has("note") && !body.get("note").isTextual()) || body.path("note").asText("").length() > 1000) {
            x.error(400, "invalid_argument");
            return;
        }
        Optional<Alarm> alarm = store.alarm(id);
        if (alarm.isEmpty()) {
            x.error(404, "not_found");
            return;
        }
        if (!alarms.acknowledge(id, body.path("note").asText(""), x.principal.name())) {
            x.error(409, "not_active");
            return;
        }
        x.json(200, views.alarm(store.alarm(id).orElseThrow()).toString());
    }

    private void command(Exchange x, KioskId id, String name) throws IOException, Exchange.BodyTooLarge, InterruptedException {
        if (!CommandDesk.NAMES.contains(name)) {
            x.error(400, "unknown_command");
            return;
        }
        if (store.kiosk(id).isEmpty()) {
            x.error(404, "unknown_kiosk");
            return;
        }
        String text = x.body();
        JsonNode args = text.isBlank() ? json.createObjectNode() : object(text);
        if (args == null) {
            x.error(400, "malformed");
            return;
        }
        CommandDesk.Sent sent;
        try {
            sent = commands.send(id, name, (ObjectNode) args, COMMAND_WAIT);
        } catch (CommandPublisher.PublishException e) {
            x.error(503, "mqtt_unavailable");
            return;
        }
        if (sent.result().isPresent()) {
            x.json(200, sent.result().get());
        } else {
            x.json(202, "{\"command\":\"" + sent.id() + "\",\"state\":\"pending\"}");
        }
    }

    private JsonNode object(String text) {
        try {
            JsonNode node = json.readTree(text.isBlank() ? "{}" : text);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void only(Exchange x, String method, Runnable route) {
        if (x.method.equals(method) || (method.equals("GET") && x.method.equals("HEAD"))) {
            route.run();
        } else {
            x.error(405, "method_not_allowed");
        }
    }
}

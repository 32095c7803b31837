package org.openhall.centre.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openhall.centre.accounts.Role;
import org.openhall.centre.cases.CaseFilter;
import org.openhall.centre.cases.CaseStep;
import org.openhall.centre.cases.FollowupCase;
import org.openhall.centre.cases.ResidentView;
import org.openhall.centre.cases.StepKind;
import org.openhall.centre.cases.StepRefusedException;
import org.openhall.centre.reports.CsvExport;
import org.openhall.centre.reports.PeriodicStore;
import org.openhall.centre.reports.QueueGrouping;
import org.openhall.centre.reports.RatingGrouping;
import org.openhall.centre.reports.ReportQuery;
import org.openhall.centre.reports.ReportTable;
import org.openhall.centre.reports.ReportsModule;
import org.openhall.centre.reports.XlsxExport;

/**
 * The reports and cases API (interface.md section 8): {@code /api/reports/ratings}, {@code /api/reports/queue},
 * {@code /api/reports/paused}, {@code /api/reports/periodic} and its files, {@code /api/cases},
 * {@code /api/cases/{id}} and {@code POST /api/cases/{id}/steps} (supervisor or admin).
 */
final class ReportApi {
    private static final Pattern CASE = Pattern.compile("^/api/cases/(\\d{1,18})$");
    private static final Pattern STEPS = Pattern.compile("^/api/cases/(\\d{1,18})/steps$");
    private static final Pattern FILE = Pattern.compile("^/api/reports/files/([A-Za-z0-9.-]{1,64})$");
    private static final Pattern DAY = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}$");
    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");
    private static final Set<String> STEP_FIELDS = Set.of("step", "note", "view");
    private static final int DEFAULT_DAYS = 30;
    private final ReportsModule module;
    private final CaseJson caseJson;
    private final ObjectMapper json;
    private final Guard guard;

    ReportApi(ReportsModule module, ObjectMapper json, Guard guard) {
        this.module = module;
        this.caseJson = new CaseJson(json, module.zone());
        this.json = json;
        this.guard = guard;
    }

    /** Whether the path is one of these routes (then the exchange is answered). */
    boolean handle(Exchange x) throws IOException, Exchange.BodyTooLarge {
        Matcher m;
        if (x.path.equals("/api/reports/ratings")) {
            get(x, () -> ratings(x));
        } else if (x.path.equals("/api/reports/queue")) {
            get(x, () -> queue(x));
        } else if (x.path.equals("/api/reports/paused")) {
            get(x, () -> paused(x));
        } else if (x.path.equals("/api/reports/periodic")) {
            get(x, () -> periodic(x));
        } else if ((m = FILE.matcher(x.path)).matches()) {
            String name = m.group(1);
            get(x, () -> file(x, name));
        } else if (x.path.equals("/api/cases")) {
            get(x, () -> cases(x));
        } else if ((m = CASE.matcher(x.path)).matches()) {
            long id = Long.parseLong(m.group(1));
            get(x, () -> oneCase(x, id));
        } else if ((m = STEPS.matcher(x.path)).matches()) {
            if (!x.method.equals("POST")) {
                x.error(405, "method_not_allowed");
            } else if (guard.allowed(x, Role.SUPERVISOR)) {
                step(x, Long.parseLong(m.group(1)));
            }
        } else {
            return false;
        }
        return true;
    }

    private interface Route {
        void run() throws IOException;
    }

    private static void get(Exchange x, Route route) throws IOException {
        if (x.method.equals("GET") || x.method.equals("HEAD")) {
            route.run();
        } else {
            x.error(405, "method_not_allowed");
        }
    }

    /** from and to (YYYY-MM-DD, both included; default the last 30 days to today) and site; null when invalid. */
    private ReportQuery query(Exchange x) {
        try {
            LocalDate today = module.cases().today();
            LocalDate to = day(x.param("to"), today);
            LocalDate from = day(x.param("from"), to.minusDays(DEFAULT_DAYS - 1));
            String site = x.param("site");
            if (site != null && !ID.matcher(site).matches()) {
                return null;
            }
            return new ReportQuery(from, to, site);
        } catch (DateTimeException | IllegalArgumentException e) {
            return null;
        }
    }

    private static LocalDate day(String value, LocalDate fallback) {
        if (value == null) {
            return fallback;
        }
        if (!DAY.matcher(value).matches()) {
            throw new IllegalArgumentException("not a day: " + value);
        }
        return LocalDate.parse(value);
    }

    private void ratings(Exchange x) throws IOException {
        ReportQuery q = query(x);
        Optional<RatingGrouping> by = RatingGrouping.byName(x.param("by") == null ? "day" : x.param("by"));
        if (q == null || by.isEmpty()) {
            x.error(400, "invalid_argument");
            return;
        }
        ReportTable table = ReportTable.ofRatings("ratings by " + by.get().wireName(), module.reports().ratings(by.get(), q));
        answer(x, table, q, "ratings-by-" + by.get().wireName());
    }

    private void queue(Exchange x) throws IOException {
        ReportQuery q = query(x);
        Optional<QueueGrouping> by = QueueGrouping.byName(x.param("by") == null ? "category" : x.param("by"));
        if (q == null || by.isEmpty()) {
            x.error(400, "invalid_argument");
            return;
        }
        ReportTable table = ReportTable.ofQueue("queue by " + by.get().wireName(), module.reports().queue(by.get(), q));
        answer(x, table, q, "queue-by-" + by.get().wireName());
    }

    private void paused(Exchange x) throws IOException {
        ReportQuery q = query(x);
        if (q == null) {
            x.error(400, "invalid_argument");
            return;
        }
        answer(x, ReportTable.ofPaused("paused", module.reports().paused(q)), q, "paused");
    }

    /** JSON {@code {"rows":[…]}} with the table's columns as fields, or the same rows as CSV or xlsx. */
    private void answer(Exchange x, ReportTable table, ReportQuery q, String name) throws IOException {
        String format = x.param("format") == null ? "json" : x.param("format");
        String file = name + "_" + q.from() + "_" + q.to() + (q.site() == null ? "" : "_" + q.site());
        switch (format) {
            case "json" -> x.json(200, rows(table).toString());
            case "csv" -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                CsvExport.write(table, out);
                download(x, CsvExport.CONTENT_TYPE, file + ".csv", out.toByteArray());
            }
            case "xlsx" -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                XlsxExport.write(List.of(table), out);
                download(x, XlsxExport.CONTENT_TYPE, file + ".xlsx", out.toByteArray());
            }
            default -> x.error(400, "invalid_argument");
        }
    }

    private ObjectNode rows(ReportTable table) {
        ObjectNode o = json.createObjectNode();
        ArrayNode rows = o.putArray("rows");
        for (List<Object> row : table.rows()) {
            ObjectNode r = rows.addObject();
            for (int c = 0; c < row.size(); c++) {
                r.set(table.columns().get(c), json.valueToTree(row.get(c)));
            }
        }
        return o;
    }

    private static void download(Exchange x, String type, String name, byte[] bytes) {
        x.response.getHeaders().put("Content-Disposition", "attachment; filename=\"" + name + "\"");
        x.sendBytes(200, type, bytes);
    }

    private void periodic(Exchange x) {
        ObjectNode o = json.createObjectNode();
        ArrayNode list = o.putArray("reports");
        for (PeriodicStore.Written w : module.periodic().list()) {
            ObjectNode r = list.addObject();
            r.put("kind", w.kind());
            r.put("period", w.period());
            r.put("writtenAt", java.time.Instant.ofEpochMilli(w.writtenMs()).atZone(module.zone()).toOffsetDateTime().toString());
            ObjectNode files = r.putObject("files");
            files.put("xlsx", "/api/reports/files/" + w.kind() + "-" + w.period() + ".xlsx");
            files.put("html", "/api/reports/files/" + w.kind() + "-" + w.period() + ".html");
        }
        x.json(200, o.toString());
    }

    private void file(Exchange x, String name) throws IOException {
        Path file = module.periodic().file(name);
        if (file == null || !Files.isRegularFile(file)) {
            x.error(404, "not_found");
            return;
        }
        byte[] bytes = Files.readAllBytes(file);
        if (name.endsWith(".html")) {
            x.sendBytes(200, "text/html; charset=utf-8", bytes);
        } else {
            download(x, XlsxExport.CONTENT_TYPE, name, bytes);
        }
    }

    private CaseFilter caseFilter(Exchange x) {
        String state = x.param("state");
        String site = x.param("site");
        String window = x.param("window");
        if (!CaseFilter.knownState(state) || (site != null && !ID.matcher(site).matches())
                || (window != null && !ID.matcher(window).matches())) {
            return null;
        }
        try {
            LocalDate from = x.param("from") == null ? null : day(x.param("from"), null);
            LocalDate to = x.param("to") == null ? null : day(x.param("to"), null);
            return new CaseFilter(state, site, window, from, to, module.cases().today());
        } catch (DateTimeException | IllegalArgumentException e) {
            return null;
        }
    }

    private void cases(Exchange x) {
        CaseFilter filter = caseFilter(x);
        if (filter == null) {
            x.error(400, "invalid_argument");
            return;
        }
        ObjectNode o = json.createObjectNode();
        ArrayNode list = o.putArray("cases");
        module.cases().list(filter).forEach(c -> list.add(caseJson.of(c, filter.today())));
        x.json(200, o.toString());
    }

    private void oneCase(Exchange x, long id) {
        Optional<FollowupCase> c = module.cases().find(id);
        if (c.isEmpty()) {
            x.error(404, "not_found");
        } else {
            x.json(200, caseJson.of(c.get(), module.cases().today()).toString());
        }
    }

    private void step(Exchange x, long id) throws IOException, Exchange.BodyTooLarge {
        JsonNode body = body(x.body());
        Optional<StepKind> kind = body == null ? Optional.empty() : StepKind.byName(body.path("step").asText(""));
        JsonNode note = body == null ? null : body.get("note");
        JsonNode view = body == null ? null : body.get("view");
        Optional<ResidentView> residentView = view == null || view.isNull() ? Optional.empty()
                : ResidentView.byName(view.asText(""));
        if (kind.isEmpty() || (note != null && !note.isNull() && !note.isTextual())
                || (view != null && !view.isNull() && (!view.isTextual() || residentView.isEmpty()))) {
            x.error(400, "invalid_argument");
            return;
        }
        try {
            Optional<FollowupCase> after = module.cases().step(id, kind.get(),
                    note == null || note.isNull() ? null : note.asText(), residentView.orElse(null), x.principal.name());
            if (after.isEmpty()) {
                x.error(404, "not_found");
            } else {
                x.json(200, caseJson.of(after.get(), module.cases().today()).toString());
            }
        } catch (StepRefusedException e) {
            x.error(e.code().equals(StepRefusedException.OUT_OF_ORDER) ? 409 : 400, e.code());
        }
    }

    /** One JSON object with known fields only; null otherwise. */
    private JsonNode body(String text) {
        try {
            JsonNode node = json.readTree(text);
            if (node == null || !node.isObject()) {
                return null;
            }
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                if (!STEP_FIELDS.contains(names.next())) {
                    return null;
                }
            }
            return node;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** The case as the API shows it. */
    static final class CaseJson {
        private final ObjectMapper json;
        private final java.time.ZoneId zone;

        CaseJson(ObjectMapper json, java.time.ZoneId zone) {
            this.json = json;
            this.zone = zone;
        }

        ObjectNode of(FollowupCase c, LocalDate today) {
            ObjectNode o = json.createObjectNode();
            o.put("id", c.id());
            o.put("site", c.site());
            o.put("kiosk", c.kiosk());
            o.put("window", c.window());
            o.put("staff", c.staff());
            o.put("ticket", c.ticket());
            o.put("level", c.level());
            c.reasons().forEach(o.putArray("reasons")::add);
            o.put("ratedAt", time(c.ratedAt()));
            o.put("due", c.due().toString());
            o.put("state", c.state().wireName());
            o.put("overdue", c.overdue(today));
            ArrayNode steps = o.putArray("steps");
            for (CaseStep s : c.steps()) {
                ObjectNode step = steps.addObject();
                step.put("step", s.step().wireName());
                step.put("user", s.user());
                step.put("at", time(s.at()));
                step.put("note", s.note());
                step.put("view", s.view() == null ? null : s.view().wireName());
            }
            return o;
        }

        private String time(java.time.Instant at) {
            return at.atZone(zone).toOffsetDateTime().toString();
        }
    }
}

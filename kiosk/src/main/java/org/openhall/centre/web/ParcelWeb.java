package org.openhall.centre.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openhall.centre.accounts.Principal;
import org.openhall.centre.parcels.CentreParcel;
import org.openhall.centre.parcels.ParcelCounts;
import org.openhall.centre.parcels.ParcelDesk;
import org.openhall.centre.parcels.ParcelRefused;
import org.openhall.centre.parcels.Personal;
import org.openhall.centre.parcels.Viewer;

/**
 * Parcels at the centre (docs/parcels.md): the JSON API ({@code /api/parcels…}, {@code /api/reports/parcels})
 * and the pages ({@code /parcels…}), mobile-first so a grid worker records the door outcome on a phone.
 */
final class ParcelWeb {
    private static final Pattern ONE = Pattern.compile("^/api/parcels/([0-9a-f-]{36})$");
    private static final Pattern OUTCOME = Pattern.compile("^/api/parcels/([0-9a-f-]{36})/outcome$");
    private static final Pattern PAGE = Pattern.compile("^/parcels/([0-9a-f-]{36})$");
    private static final Pattern PAGE_OUTCOME = Pattern.compile("^/parcels/([0-9a-f-]{36})/outcome$");
    private static final Set<String> OUTCOME_FIELDS = Set.of("outcome", "date", "note");
    static final int LIMIT = 500;

    private final ParcelDesk desk;
    private final Guard guard;
    private final Views views;
    private final ObjectMapper json;

    ParcelWeb(ParcelDesk desk, Guard guard, Views views, ObjectMapper json) {
        this.desk = desk;
        this.guard = guard;
        this.views = views;
        this.json = json;
    }

    static boolean handles(String path) {
        return path.equals("/api/parcels") || path.startsWith("/api/parcels/") || path.equals("/api/reports/parcels")
                || path.equals("/parcels") || path.startsWith("/parcels/");
    }

    void handle(Exchange x) throws IOException, Exchange.BodyTooLarge {
        if (x.principal == null) {
            if (x.path.startsWith("/api/")) {
                x.error(401, "unauthorized");
            } else {
                x.redirect("/login");
            }
            return;
        }
        Viewer viewer = viewer(x.principal);
        try {
            route(x, viewer);
        } catch (ParcelRefused e) {
            if (x.path.startsWith("/api/")) {
                x.json(e.status(), json.createObjectNode().put("error", e.code()).put("message", e.getMessage()).toString());
            } else {
                x.html(e.status(), Html.page("包裹", "Parcel", x.principal.name(), guard.csrf(x),
                        "<p class=\"error\" role=\"alert\">" + Html.esc(e.getMessage()) + "</p><p><a href=\"/parcels\">返回 <small>Back</small></a></p>", null));
            }
        }
    }

    static Viewer viewer(Principal p) {
        return new Viewer(p.name(), p.role().word());
    }

    private void route(Exchange x, Viewer viewer) throws IOException, Exchange.BodyTooLarge {
        Matcher m;
        boolean get = x.method.equals("GET");
        if (x.path.equals("/api/parcels") && get) {
            x.json(200, list(viewer, x).toString());
        } else if ((m = ONE.matcher(x.path)).matches() && get) {
            CentreParcel p = desk.get(viewer, m.group(1));
            x.json(200, detail(viewer, p).toString());
        } else if ((m = OUTCOME.matcher(x.path)).matches() && x.method.equals("POST")) {
            if (!guard.csrfOk(x, null)) {
                x.error(403, "csrf");
                return;
            }
            JsonNode body = body(x);
            CentreParcel p = desk.outcome(viewer, m.group(1), text(body, "outcome"), text(body, "date"), text(body, "note"));
            x.json(200, view(p).toString());
        } else if (x.path.equals("/api/reports/parcels") && get) {
            if (viewer.worker()) {
                x.error(403, "forbidden");
                return;
            }
            x.json(200, counts(x).toString());
        } else if (x.path.equals("/parcels") && get) {
            listPage(x, viewer);
        } else if ((m = PAGE.matcher(x.path)).matches() && get) {
            detailPage(x, viewer, desk.get(viewer, m.group(1)), null);
        } else if ((m = PAGE_OUTCOME.matcher(x.path)).matches() && x.method.equals("POST")) {
            outcomeForm(x, viewer, m.group(1));
        } else if (ONE.matcher(x.path).matches() || OUTCOME.matcher(x.path).matches() || x.path.equals("/api/parcels")) {
            x.error(405, "method_not_allowed");
        } else {
            x.error(404, "not_found");
        }
    }

    private JsonNode body(Exchange x) throws IOException, Exchange.BodyTooLarge {
        JsonNode body;
        try {
            body = json.readTree(x.body());
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            throw new ParcelRefused(400, "invalid_argument", "the body must be a JSON object");
        }
        for (var it = body.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!OUTCOME_FIELDS.contains(name) || !(body.get(name).isTextual() || body.get(name).isNull())) {
                throw new ParcelRefused(400, "invalid_argument", "fields: outcome, date, note (strings)");
            }
        }
        return body;
    }

    private static String text(JsonNode body, String name) {
        JsonNode v = body.get(name);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText().strip();
    }

    private List<CentreParcel> parcels(Viewer viewer, Exchange x) {
        int limit = LIMIT;
        String raw = x.param("limit");
        if (raw != null) {
            try {
                limit = Integer.parseInt(raw);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > LIMIT) {
                throw new ParcelRefused(400, "invalid_argument", "limit: 1 to " + LIMIT);
            }
        }
        return desk.list(viewer, x.param("state"), x.param("site"), limit);
    }

    private ObjectNode list(Viewer viewer, Exchange x) {
        ObjectNode o = json.createObjectNode();
        ArrayNode list = o.putArray("parcels");
        parcels(viewer, x).forEach(p -> list.add(view(p)));
        return o;
    }

    ObjectNode view(CentreParcel p) {
        ObjectNode o = json.createObjectNode();
        o.put("parcelId", p.parcelId()).put("site", p.site()).put("kiosk", p.kiosk()).put("number", p.number())
                .put("matter", p.matter()).put("residentName", p.residentMasked()).put("phone", p.phoneMasked())
                .put("window", p.window()).put("serviceDay", p.serviceDay()).put("state", p.state())
                .put("worker", p.worker()).put("workerName", p.workerName()).put("handoverId", p.handoverId())
                .put("registeredAt", views.time(p.registeredMs())).put("handedOverAt", views.time(p.handedOverMs()))
                .put("rescheduledTo", p.rescheduledTo()).put("outcomeAt", views.time(p.outcomeMs()))
                .put("outcomeBy", p.outcomeBy());
        LocalDate due = desk.due(p);
        o.put("due", due == null ? null : due.toString());
        o.put("overdue", desk.overdue(p));
        return o;
    }

    private ObjectNode detail(Viewer viewer, CentreParcel p) {
        ObjectNode o = view(p);
        Optional<Personal> personal = desk.personal(viewer, p);
        if (personal.isPresent()) {
            o.putObject("personal").put("residentName", personal.get().residentName()).put("phone", personal.get().phone())
                    .put("address", personal.get().address()).put("note", personal.get().note());
        } else {
            o.putNull("personal");
        }
        return o;
    }

    private ObjectNode counts(Exchange x) {
        LocalDate from;
        LocalDate to;
        try {
            from = LocalDate.parse(x.param("from"));
            to = LocalDate.parse(x.param("to"));
        } catch (DateTimeParseException | NullPointerException e) {
            throw new ParcelRefused(400, "invalid_argument", "from and to: YYYY-MM-DD (to exclusive)");
        }
        if (!to.isAfter(from) || from.plusDays(400).isBefore(to)) {
            throw new ParcelRefused(400, "invalid_argument", "to must be after from, at most 400 days");
        }
        ObjectNode o = json.createObjectNode();
        ArrayNode rows = o.putArray("rows");
        for (ParcelCounts c : desk.counts(from, to, x.param("site"))) {
            rows.addObject().put("site", c.site()).put("registered", c.registered()).put("handedOver", c.handedOver())
                    .put("delivered", c.delivered()).put("rescheduled", c.rescheduled()).put("returned", c.returned())
                    .put("outNow", c.outNow()).put("overdueNow", c.overdueNow());
        }
        return o;
    }

    private void listPage(Exchange x, Viewer viewer) {
        StringBuilder rows = new StringBuilder();
        for (CentreParcel p : parcels(viewer, x)) {
            rows.append("<tr data-parcel=\"").append(Html.esc(p.parcelId())).append("\"><td><a href=\"/parcels/")
                    .append(Html.esc(p.parcelId())).append("\">").append(Html.esc(p.number())).append("</a></td><td>")
                    .append(Html.esc(p.matter())).append("</td><td>").append(Html.esc(p.residentMasked())).append("</td><td>")
                    .append(stateWords(p.state())).append("</td><td>").append(Html.esc(p.workerName()))
                    .append("</td><td class=\"").append(desk.overdue(p) ? "bad" : "").append("\">")
                    .append(Html.esc(desk.due(p))).append(desk.overdue(p) ? " 逾期 <small>overdue</small>" : "").append("</td></tr>");
        }
        String filter = "<p class=\"hint\"><a href=\"/parcels?state=out\">在途 <small>Out</small></a> · "
                + "<a href=\"/parcels?state=overdue\">逾期 <small>Overdue</small></a> · <a href=\"/parcels\">全部 <small>All</small></a></p>";
        String content = filter + "<table id=\"parcels\" class=\"grid\"><thead><tr><th>编号 <small>Number</small></th>"
                + "<th>事项 <small>Matter</small></th><th>收件人 <small>Resident</small></th><th>状态 <small>State</small></th>"
                + "<th>网格员 <small>Worker</small></th><th>应送达 <small>Due</small></th></tr></thead><tbody>" + rows
                + "</tbody></table>";
        x.html(200, Html.page(viewer.worker() ? "我的包裹" : "政务包裹", viewer.worker() ? "My parcels" : "Parcels",
                x.principal.name(), guard.csrf(x), content, null));
    }

    private void detailPage(Exchange x, Viewer viewer, CentreParcel p, String message) {
        StringBuilder c = new StringBuilder();
        if (message != null) {
            c.append("<p class=\"notice\" role=\"status\" id=\"message\">").append(message).append("</p>");
        }
        c.append("<table class=\"grid narrow\" id=\"parcel\">");
        row(c, "编号", "Number", Html.esc(p.number()));
        row(c, "事项", "Matter", Html.esc(p.matter()));
        row(c, "状态", "State", "<span id=\"state\">" + stateWords(p.state()) + "</span>"
                + (p.rescheduledTo() != null && CentreParcel.RESCHEDULED.equals(p.state()) ? " → " + Html.esc(p.rescheduledTo()) : ""));
        Optional<Personal> personal = desk.personal(viewer, p);
        if (personal.isPresent()) {
            row(c, "收件人", "Resident", Html.esc(personal.get().residentName()));
            String phone = Html.esc(personal.get().phone());
            row(c, "电话", "Phone", "<a href=\"tel:" + phone.replaceAll("[^0-9+]", "") + "\">" + phone + "</a>");
            row(c, "地址", "Address", Html.esc(personal.get().address()));
            row(c, "备注", "Note", Html.esc(personal.get().note()));
        } else {
            row(c, "收件人", "Resident", Html.esc(p.residentMasked()));
            row(c, "电话", "Phone", Html.esc(p.phoneMasked()));
        }
        row(c, "网格员", "Worker", Html.esc(p.workerName()) + " (" + Html.esc(p.worker()) + ")");
        row(c, "交接时间", "Handed over", Html.esc(views.time(p.handedOverMs())));
        row(c, "应送达", "Due", Html.esc(desk.due(p)) + (desk.overdue(p) ? " <strong class=\"bad\">逾期 overdue</strong>" : ""));
        c.append("</table>");
        if (p.out() && (viewer.manager() || viewer.worker())) {
            c.append("<h2>上门结果 <small>Door outcome</small></h2><form method=\"post\" id=\"outcome-form\" action=\"/parcels/")
                    .append(Html.esc(p.parcelId())).append("/outcome\"><input type=\"hidden\" name=\"csrf\" value=\"")
                    .append(Html.esc(guard.csrf(x))).append("\">")
                    .append("<label><input type=\"radio\" name=\"outcome\" value=\"delivered\" required> 已送达 <small>Delivered</small></label>")
                    .append("<label><input type=\"radio\" name=\"outcome\" value=\"rescheduled\"> 改期 <small>Rescheduled</small></label>")
                    .append("<label>改期至 <small>New date</small><input type=\"date\" name=\"date\"></label>")
                    .append("<label><input type=\"radio\" name=\"outcome\" value=\"returned\"> 退回大厅 <small>Returned to the hall</small></label>")
                    .append("<label>备注 <small>Note</small><input name=\"note\" maxlength=\"200\"></label>")
                    .append("<button type=\"submit\">保存 <small>Save</small></button></form>");
        }
        c.append("<p><a href=\"/parcels\">返回列表 <small>Back to the list</small></a></p>");
        x.html(200, Html.page("包裹 " + p.number(), "Parcel", x.principal.name(), guard.csrf(x), c.toString(), null));
    }

    private void outcomeForm(Exchange x, Viewer viewer, String parcelId) throws IOException, Exchange.BodyTooLarge {
        Map<String, String> form = x.form();
        if (!guard.csrfOk(x, form.get("csrf"))) {
            x.error(403, "csrf");
            return;
        }
        String outcome = blank(form.get("outcome"));
        String date = CentreParcel.RESCHEDULED.equals(outcome) ? blank(form.get("date")) : null;
        CentreParcel p = desk.outcome(viewer, parcelId, outcome, date, blank(form.get("note")));
        detailPage(x, viewer, p, "已保存 <small>Saved</small>: " + stateWords(p.state()));
    }

    private static String blank(String v) {
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static void row(StringBuilder c, String zh, String en, String valueHtml) {
        c.append("<tr><th>").append(zh).append(" <small>").append(en).append("</small></th><td>").append(valueHtml).append("</td></tr>");
    }

    static String stateWords(String state) {
        return switch (state == null ? "" : state) {
            case CentreParcel.REGISTERED -> "已登记 <small>registered</small>";
            case CentreParcel.HANDED_OVER -> "配送中 <small>handed over</small>";
            case CentreParcel.DELIVERED -> "已送达 <small>delivered</small>";
            case CentreParcel.RESCHEDULED -> "已改期 <small>rescheduled</small>";
            case CentreParcel.RETURNED -> "已退回 <small>returned</small>";
            default -> Html.esc(state);
        };
    }
}

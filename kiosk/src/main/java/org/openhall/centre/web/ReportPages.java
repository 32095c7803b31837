package org.openhall.centre.web;

import java.time.LocalDate;
import java.util.List;
import org.openhall.centre.accounts.Role;
import org.openhall.centre.cases.CaseFilter;
import org.openhall.centre.cases.CaseStep;
import org.openhall.centre.cases.FollowupCase;
import org.openhall.centre.reports.RatingGrouping;
import org.openhall.centre.reports.RatingRow;
import org.openhall.centre.reports.ReportQuery;
import org.openhall.centre.reports.ReportsModule;

/**
 * The pages of the reports and cases: {@code /reports} (charts by day, week and month, the heat map by hour
 * and weekday, windows, queue, periodic reports; drawn by {@code /static/reports.js} from the JSON API),
 * {@code /reports/window} (a window's bad ratings) and {@code /cases} (the follow-up, with step forms for
 * supervisors).
 */
final class ReportPages {
    private static final String STYLE = "<link rel=\"stylesheet\" href=\"/static/reports.css\">";
    private static final String SCRIPTS = "<script src=\"/static/echarts.min.js\"></script>"
            + "<script src=\"/static/reports.js\"></script>";
    private final ReportsModule module;
    private final Guard guard;

    ReportPages(ReportsModule module, Guard guard) {
        this.module = module;
        this.guard = guard;
    }

    boolean handle(Exchange x) {
        switch (x.path) {
            case "/reports" -> reports(x);
            case "/reports/window" -> window(x);
            case "/cases" -> cases(x);
            default -> {
                return false;
            }
        }
        return true;
    }

    private static String param(Exchange x, String name) {
        String value = x.param(name);
        return value != null && value.matches("[A-Za-z0-9_-]{1,64}") ? value : null;
    }

    private static String day(Exchange x, String name) {
        String value = x.param(name);
        return value != null && value.matches("\\d{4}-\\d{2}-\\d{2}") ? value : null;
    }

    private void reports(Exchange x) {
        LocalDate today = module.cases().today();
        String to = day(x, "to") == null ? today.toString() : day(x, "to");
        String from = day(x, "from") == null ? today.minusDays(29).toString() : day(x, "from");
        String site = param(x, "site");
        String content = STYLE + "<form class=\"filters no-print\" method=\"get\" action=\"/reports\">"
                + "<label>从 <small>From</small><input type=\"date\" name=\"from\" value=\"" + from + "\"></label>"
                + "<label>到 <small>To</small><input type=\"date\" name=\"to\" value=\"" + to + "\"></label>"
                + "<label>大厅 <small>Site</small><input name=\"site\" value=\"" + Html.esc(site) + "\" placeholder=\"全部 all\"></label>"
                + "<button type=\"submit\">查询 <small>Show</small></button></form>"
                + "<div id=\"report\" data-from=\"" + from + "\" data-to=\"" + to + "\" data-site=\"" + Html.esc(site) + "\">"
                + "<section><h2>评价趋势 <small>Ratings over time</small></h2><p class=\"no-print tabs\">"
                + "<button type=\"button\" data-by=\"day\" class=\"on\">按日 <small>Day</small></button>"
                + "<button type=\"button\" data-by=\"week\">按周 <small>Week</small></button>"
                + "<button type=\"button\" data-by=\"month\">按月 <small>Month</small></button></p>"
                + "<div id=\"trend\" class=\"chart\"></div></section>"
                + "<section><h2>好评率热力图 <small>Good rate by hour and weekday</small></h2>"
                + "<div id=\"heat\" class=\"chart\"></div></section>"
                + "<section><h2>窗口 <small>Windows</small></h2><p class=\"no-print\">"
                + exportLinks("ratings", "window", from, to, site) + "</p><table id=\"windows\" class=\"grid\"></table></section>"
                + "<section><h2>排队 <small>Queue by category</small></h2><p class=\"no-print\">"
                + exportLinks("queue", "category", from, to, site) + "</p><table id=\"queue\" class=\"grid\"></table></section>"
                + "<section><h2>定期报告 <small>Periodic reports</small></h2><table id=\"periodic\" class=\"grid\"></table></section>"
                + "</div>";
        x.html(200, Html.page("报表", "Reports", x.principal.name(), guard.csrf(x), content, SCRIPTS));
    }

    private static String exportLinks(String report, String by, String from, String to, String site) {
        String q = "/api/reports/" + report + "?by=" + by + "&from=" + from + "&to=" + to
                + (site == null ? "" : "&site=" + site);
        return "导出 <small>Export</small> <a href=\"" + Html.esc(q + "&format=csv") + "\">CSV</a> · <a href=\""
                + Html.esc(q + "&format=xlsx") + "\">Excel</a>";
    }

    /** Drill-down: one window's rating row and its bad ratings, with the reasons residents gave. */
    private void window(Exchange x) {
        String site = param(x, "site");
        String window = param(x, "window");
        String from = day(x, "from");
        String to = day(x, "to");
        if (site == null || window == null || from == null || to == null) {
            x.error(400, "invalid_argument");
            return;
        }
        LocalDate f = LocalDate.parse(from);
        LocalDate t = LocalDate.parse(to);
        RatingRow row;
        try {
            row = module.reports().ratings(RatingGrouping.WINDOW, new ReportQuery(f, t, site)).stream()
                    .filter(r -> window.equals(r.key())).findFirst().orElse(null);
        } catch (IllegalArgumentException e) {
            x.error(400, "invalid_argument");
            return;
        }
        List<FollowupCase> bad = module.cases().list(new CaseFilter(null, site, window, f, t, module.cases().today()));
        StringBuilder content = new StringBuilder(STYLE + "<p>" + Html.esc(site) + " · 窗口 <small>window</small> "
                + Html.esc(window) + " · " + from + " – " + to + "</p>");
        content.append(row == null ? "<p class=\"empty\">无评价 <small>No ratings</small></p>"
                : "<p class=\"summary\">评价 <small>ratings</small> <b>" + row.total() + "</b> · 好评率 <small>good rate</small> <b>"
                        + String.format("%.1f%%", row.goodRate() * 100) + "</b> · 差评 <small>bad</small> <b id=\"bad-count\">"
                        + row.bad() + "</b></p>");
        content.append("<h2>差评 <small>Bad ratings</small></h2>").append(caseTable(bad, false));
        x.html(200, Html.page("窗口差评", "Bad ratings of a window", x.principal.name(), guard.csrf(x), content.toString(),
                SCRIPTS));
    }

    private void cases(Exchange x) {
        String state = x.param("state") == null ? "open" : x.param("state");
        if (!CaseFilter.knownState(state)) {
            x.error(400, "invalid_argument");
            return;
        }
        List<FollowupCase> list = module.cases().list(new CaseFilter(state, param(x, "site"), null, null, null,
                module.cases().today()));
        boolean canStep = x.principal.role().atLeast(Role.SUPERVISOR);
        String tabs = "<p class=\"tabs no-print\">" + tab("open", "未办结", "Open", state) + tab("overdue", "逾期", "Overdue", state)
                + tab("closed", "已办结", "Closed", state) + "</p>";
        String content = STYLE + tabs + "<div id=\"cases\" data-csrf=\"" + Html.esc(guard.csrf(x)) + "\">" + caseTable(list, canStep)
                + "</div>";
        x.html(200, Html.page("差评处理", "Bad-rating cases", x.principal.name(), guard.csrf(x), content, SCRIPTS));
    }

    private static String tab(String state, String zh, String en, String current) {
        return "<a href=\"/cases?state=" + state + "\"" + (state.equals(current) ? " class=\"on\"" : "") + ">" + zh
                + " <small>" + en + "</small></a>";
    }

    private String caseTable(List<FollowupCase> list, boolean canStep) {
        if (list.isEmpty()) {
            return "<p class=\"empty\">无 <small>None</small></p>";
        }
        LocalDate today = module.cases().today();
        StringBuilder html = new StringBuilder("<table class=\"grid cases\"><thead><tr><th>编号 <small>Id</small></th>"
                + "<th>大厅/窗口 <small>Site/window</small></th><th>评价 <small>Rating</small></th>"
                + "<th>原因 <small>Reasons</small></th><th>时间 <small>Rated</small></th><th>期限 <small>Due</small></th>"
                + "<th>状态 <small>State</small></th><th>经过 <small>Steps</small></th>"
                + (canStep ? "<th class=\"no-print\">处理 <small>Next step</small></th>" : "") + "</tr></thead><tbody>");
        for (FollowupCase c : list) {
            html.append("<tr data-case=\"").append(c.id()).append("\"").append(c.overdue(today) ? " class=\"overdue\"" : "")
                    .append("><td>").append(c.id()).append("</td><td>").append(Html.esc(c.site())).append(" / ")
                    .append(Html.esc(c.window())).append(c.staff() == null ? "" : "<br><small>" + Html.esc(c.staff()) + "</small>")
                    .append("</td><td>").append(level(c.level())).append("</td><td>").append(reasons(c.reasons()))
                    .append("</td><td>").append(c.ratedAt().atZone(module.zone()).toLocalDateTime().toString().replace('T', ' '))
                    .append("</td><td>").append(c.due()).append(c.overdue(today) ? " <b class=\"late\">逾期 overdue</b>" : "")
                    .append("</td><td class=\"case-state\">").append(c.state().wireName()).append("</td><td>").append(steps(c))
                    .append("</td>");
            if (canStep) {
                html.append("<td class=\"no-print\">").append(c.state().open() ? stepForm(c) : "").append("</td>");
            }
            html.append("</tr>");
        }
        return html.append("</tbody></table>").toString();
    }

    private static String level(String level) {
        return "very_dissatisfied".equals(level) ? "非常不满意" : "不满意";
    }

    private static String reasons(List<String> codes) {
        StringBuilder out = new StringBuilder();
        for (String code : codes) {
            out.append(out.isEmpty() ? "" : "、").append(switch (code) {
                case "waiting_time" -> "等候时间长";
                case "attitude" -> "服务态度";
                case "not_done_once" -> "没有一次办成";
                case "unclear_requirements" -> "告知不清楚";
                case "other" -> "其他";
                default -> Html.esc(code);
            });
        }
        return out.toString();
    }

    private String steps(FollowupCase c) {
        StringBuilder out = new StringBuilder();
        for (CaseStep s : c.steps()) {
            out.append("<div class=\"step\"><b>").append(s.step().wireName()).append("</b> ").append(Html.esc(s.user()))
                    .append(" ").append(s.at().atZone(module.zone()).toLocalDateTime().withNano(0).toString().replace('T', ' '))
                    .append(s.view() == null ? "" : " · " + s.view().wireName())
                    .append(s.note() == null ? "" : "<br><small>" + Html.esc(s.note()) + "</small>").append("</div>");
        }
        return out.toString();
    }

    private static String stepForm(FollowupCase c) {
        return "<form class=\"step-form\" data-case=\"" + c.id() + "\"><select name=\"step\">"
                + "<option value=\"verify\">核实 verify</option><option value=\"rectify\">整改 rectify</option>"
                + "<option value=\"revisit\">回访 revisit</option><option value=\"close\">办结 close</option>"
                + "<option value=\"invalid\">误评 invalid</option></select>"
                + "<select name=\"view\"><option value=\"\">回访意见 view…</option><option value=\"satisfied\">满意</option>"
                + "<option value=\"basically_satisfied\">基本满意</option><option value=\"dissatisfied\">不满意</option></select>"
                + "<input name=\"note\" maxlength=\"2000\" placeholder=\"说明 note\"><button type=\"submit\">提交 <small>Save</small></button>"
                + "<output></output></form>";
    }
}

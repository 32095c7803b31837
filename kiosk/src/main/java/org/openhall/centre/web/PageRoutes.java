package org.openhall.centre.web;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openhall.centre.accounts.Accounts;
import org.openhall.centre.accounts.LoginThrottle;
import org.openhall.centre.accounts.Principal;
import org.openhall.centre.accounts.Role;
import org.openhall.centre.accounts.Sessions;
import org.openhall.centre.fleet.AlarmKeeper;
import org.openhall.centre.store.Alarm;
import org.openhall.centre.store.CentreStore;
import org.openhall.centre.store.Completeness;
import org.openhall.centre.store.KioskId;
import org.openhall.centre.store.KioskView;
import org.openhall.centre.store.SeqRange;

/** The pages: sign-in, the fleet, one kiosk, the alarms (forms carry the session's CSRF token). */
final class PageRoutes {
    private static final Pattern KIOSK = Pattern.compile("^/kiosks/([^/]+)/([^/]+)$");
    private static final Pattern ACK = Pattern.compile("^/alarms/(\\d{1,18})/ack$");
    private static final String LOGIN_COOKIE = "centre_login";
    private final CentreStore store;
    private final Accounts accounts;
    private final LoginThrottle throttle;
    private final AlarmKeeper alarms;
    private final Guard guard;
    private final Views views;

    PageRoutes(CentreStore store, Accounts accounts, LoginThrottle throttle, AlarmKeeper alarms, Guard guard, Views views) {
        this.store = store;
        this.accounts = accounts;
        this.throttle = throttle;
        this.alarms = alarms;
        this.guard = guard;
        this.views = views;
    }

    void handle(Exchange x) throws IOException, Exchange.BodyTooLarge {
        if (x.path.equals("/login")) {
            if (x.method.equals("POST")) {
                login(x);
            } else {
                loginPage(x, 200, null);
            }
            return;
        }
        if (x.principal == null) {
            x.redirect("/login");
            return;
        }
        Matcher m;
        if (x.path.equals("/logout") && x.method.equals("POST")) {
            if (guard.csrfOk(x, x.form().get("csrf"))) {
                x.setCookie(Guard.SESSION_COOKIE, "", 0);
            }
            x.redirect("/login");
        } else if (x.path.equals("/") || x.path.equals("/fleet")) {
            fleet(x);
        } else if ((m = KIOSK.matcher(x.path)).matches()) {
            kiosk(x, new KioskId(m.group(1), m.group(2)));
        } else if (x.path.equals("/alarms")) {
            alarmPage(x);
        } else if ((m = ACK.matcher(x.path)).matches() && x.method.equals("POST")) {
            ack(x, Long.parseLong(m.group(1)));
        } else {
            x.error(404, "not_found");
        }
    }

    private void loginPage(Exchange x, int status, String message) {
        String value = x.cookie(LOGIN_COOKIE);
        if (value == null || value.length() > 64) {
            value = guard.sessions().randomValue();
            x.setCookie(LOGIN_COOKIE, value, 3600);
        }
        x.html(status, Html.login(guard.sessions().loginToken(value), message));
    }

    private void login(Exchange x) throws IOException, Exchange.BodyTooLarge {
        Map<String, String> form = x.form();
        String cookie = x.cookie(LOGIN_COOKIE);
        if (cookie == null || !Sessions.same(form.get("csrf"), guard.sessions().loginToken(cookie))) {
            loginPage(x, 403, "表单已过期，请重试。 <small>The form expired; please try again.</small>");
            return;
        }
        String user = form.getOrDefault("user", "");
        String address = x.remoteAddress();
        if (!throttle.allowed(address, user)) {
            loginPage(x, 429, "尝试次数过多，请稍后再试。 <small>Too many attempts; try again later.</small>");
            return;
        }
        Optional<Principal> principal = accounts.signIn(user, form.getOrDefault("password", "").toCharArray());
        if (principal.isEmpty()) {
            throttle.failed(address, user);
            loginPage(x, 401, "用户名或密码错误。 <small>Wrong user or password.</small>");
            return;
        }
        x.setCookie(Guard.SESSION_COOKIE, guard.startSession(principal.get().name()), Guard.SESSION_MS / 1000);
        x.redirect("/");
    }

    private void fleet(Exchange x) {
        StringBuilder rows = new StringBuilder();
        for (KioskView k : store.kiosks()) {
            rows.append(fleetRow(k));
        }
        String content = "<p class=\"hint\">每 5 秒自动刷新 <small>Refreshes every 5 s</small> · <span id=\"updated\"></span></p>"
                + "<table id=\"fleet\" class=\"grid\"><thead><tr><th>网点 <small>Site</small></th><th>设备 <small>Kiosk</small></th>"
                + "<th>状态 <small>State</small></th><th>起始 <small>Since</small></th><th>最后序号 <small>Last seq</small></th>"
                + "<th>缺失 <small>Missing</small></th><th>打印机 <small>Printer</small></th><th>积压 <small>Outbox</small></th>"
                + "<th>今日取号 <small>Tickets</small></th><th>今日评价 <small>Ratings</small></th></tr></thead><tbody>"
                + rows + "</tbody></table>";
        x.html(200, Html.page("设备总览", "Fleet", x.principal.name(), guard.csrf(x), content,
                "<script src=\"/static/centre.js\"></script>"));
    }

    private String fleetRow(KioskView k) {
        String state = k.presence() == null ? "unknown" : k.presence();
        String link = "/kiosks/" + Html.esc(k.id().site()) + "/" + Html.esc(k.id().kiosk());
        return "<tr><td>" + Html.esc(k.id().site()) + "</td><td><a href=\"" + link + "\">" + Html.esc(k.id().kiosk()) + "</a></td>"
                + "<td><span class=\"state " + state + "\">" + stateWords(state) + "</span></td>"
                + "<td>" + Html.esc(short_(views.time(k.presenceSinceMs()))) + "</td><td>" + k.lastSeq() + "</td>"
                + "<td class=\"" + (k.missing() > 0 ? "bad" : "good") + "\">" + k.missing() + "</td>"
                + "<td>" + printerWords(k.printer()) + "</td><td>" + dash(k.outboxDepth()) + "</td>"
                + "<td>" + dash(k.ticketsToday()) + "</td><td>" + dash(k.ratingsToday()) + "</td></tr>";
    }

    private void kiosk(Exchange x, KioskId id) {
        Optional<KioskView> found = store.kiosk(id);
        if (found.isEmpty()) {
            x.html(404, Html.page("未知设备", "Unknown kiosk", x.principal.name(), guard.csrf(x),
                    "<p>" + Html.esc(id) + "</p>", null));
            return;
        }
        KioskView k = found.get();
        Completeness c = store.completeness(id);
        String state = k.presence() == null ? "unknown" : k.presence();
        String content = "<section class=\"cards\">"
                + card("状态 <small>State</small>", "<span class=\"state " + state + "\">" + stateWords(state) + "</span>")
                + card("版本 <small>Version</small>", Html.esc(k.version() == null ? "—" : k.version()))
                + card("打印机 <small>Printer</small>", printerWords(k.printer()))
                + card("积压 <small>Outbox</small>", dash(k.outboxDepth()))
                + card("今日取号 <small>Tickets today</small>", dash(k.ticketsToday()))
                + card("今日评价 <small>Ratings today</small>", dash(k.ratingsToday()))
                + "</section><h2>完整性 <small>Completeness</small></h2><table class=\"grid narrow\"><tbody>"
                + "<tr><th>首个序号 <small>First</small></th><td>" + c.first() + "</td></tr>"
                + "<tr><th>最后序号 <small>Last</small></th><td>" + c.last() + "</td></tr>"
                + "<tr><th>已收 <small>Received</small></th><td>" + c.received() + "</td></tr>"
                + "<tr><th>缺失 <small>Missing</small></th><td class=\"" + (c.missing().isEmpty() ? "good" : "bad") + "\">"
                + ranges(c.missing()) + "</td></tr>"
                + "<tr><th>设备端丢失 <small>Lost at kiosk</small></th><td>" + ranges(c.lostAtKiosk()) + "</td></tr>"
                + "<tr><th>重复 <small>Duplicates</small></th><td>" + c.duplicates() + "</td></tr>"
                + "<tr><th>冲突 <small>Conflicts</small></th><td>" + c.conflicts() + "</td></tr></tbody></table>"
                + "<h2>遥测 <small>Telemetry</small></h2><div id=\"chart\" class=\"chart\" data-site=\"" + Html.esc(id.site())
                + "\" data-kiosk=\"" + Html.esc(id.kiosk()) + "\"></div>"
                + "<h2>告警 <small>Alarms</small></h2>" + alarmTable(store.alarms(null, id, 50), x);
        x.html(200, Html.page("设备 " + id.kiosk(), "Kiosk " + id.site() + "/" + id.kiosk(), x.principal.name(), guard.csrf(x),
                content, "<script src=\"/static/echarts.min.js\"></script><script src=\"/static/centre.js\"></script>"));
    }

    private void alarmPage(Exchange x) {
        List<Alarm> open = new java.util.ArrayList<>(store.alarms(Alarm.ACTIVE, null, 500));
        open.addAll(store.alarms(Alarm.ACKNOWLEDGED, null, 500));
        String content = "<h2>未结束 <small>Open</small></h2>" + alarmTable(open, x)
                + "<h2>最近已清除 <small>Recently cleared</small></h2>" + alarmTable(store.alarms(Alarm.CLEARED, null, 50), x);
        x.html(200, Html.page("告警", "Alarms", x.principal.name(), guard.csrf(x), content, null));
    }

    private String alarmTable(List<Alarm> list, Exchange x) {
        if (list.isEmpty()) {
            return "<p class=\"hint\">无 <small>None</small></p>";
        }
        boolean mayAck = x.principal.role().atLeast(Role.SUPERVISOR);
        StringBuilder out = new StringBuilder("<table class=\"grid alarms\"><thead><tr><th>设备 <small>Kiosk</small></th>"
                + "<th>类型 <small>Kind</small></th><th>状态 <small>State</small></th><th>发生 <small>Raised</small></th>"
                + "<th>次数 <small>Count</small></th><th>内容 <small>Message</small></th><th>备注 <small>Note</small></th>"
                + "<th></th></tr></thead><tbody>");
        for (Alarm a : list) {
            out.append("<tr><td><a href=\"/kiosks/").append(Html.esc(a.kiosk().site())).append('/').append(Html.esc(a.kiosk().kiosk()))
                    .append("\">").append(Html.esc(a.kiosk())).append("</a></td><td>").append(kindWords(a.kind()))
                    .append("</td><td><span class=\"alarm ").append(a.state()).append("\">").append(alarmStateWords(a.state()))
                    .append("</span></td><td>").append(Html.esc(short_(views.time(a.raisedMs())))).append("</td><td>")
                    .append(a.count()).append("</td><td>").append(Html.esc(a.message())).append("</td><td>")
                    .append(Html.esc(a.note())).append("</td><td>");
            if (mayAck && Alarm.ACTIVE.equals(a.state())) {
                out.append("<form method=\"post\" action=\"/alarms/").append(a.id()).append("/ack\" class=\"ack\">")
                        .append("<input type=\"hidden\" name=\"csrf\" value=\"").append(Html.esc(guard.csrf(x))).append("\">")
                        .append("<input name=\"note\" maxlength=\"1000\" placeholder=\"备注 Note\" aria-label=\"备注 Note\">")
                        .append("<button type=\"submit\">确认 <small>Acknowledge</small></button></form>");
            }
            out.append("</td></tr>");
        }
        return out.append("</tbody></table>").toString();
    }

    private void ack(Exchange x, long id) throws IOException, Exchange.BodyTooLarge {
        Map<String, String> form = x.form();
        if (!guard.csrfOk(x, form.get("csrf"))) {
            x.error(403, "csrf");
            return;
        }
        if (!x.principal.role().atLeast(Role.SUPERVISOR)) {
            x.error(403, "forbidden");
            return;
        }
        String note = form.getOrDefault("note", "");
        alarms.acknowledge(id, note.length() > 1000 ? note.substring(0, 1000) : note, x.principal.name());
        x.redirect("/alarms");
    }

    private static String card(String title, String value) {
        return "<div class=\"card\"><div class=\"label\">" + title + "</div><div class=\"value\">" + value + "</div></div>";
    }

    private static String ranges(List<SeqRange> ranges) {
        if (ranges.isEmpty()) {
            return "无 <small>none</small>";
        }
        StringBuilder out = new StringBuilder();
        for (SeqRange r : ranges.subList(0, Math.min(20, ranges.size()))) {
            out.append(out.isEmpty() ? "" : ", ").append(r.from() == r.to() ? "" + r.from() : r.from() + "–" + r.to());
        }
        return ranges.size() > 20 ? out + " …" : out.toString();
    }

    static String stateWords(String state) {
        return switch (state) {
            case "online" -> "● 在线 <small>online</small>";
            case "offline" -> "■ 离线 <small>offline</small>";
            default -> "? 未知 <small>unknown</small>";
        };
    }

    static String printerWords(String printer) {
        if (printer == null) {
            return "—";
        }
        String words = switch (printer) {
            case "ok" -> "正常 <small>ok</small>";
            case "paper_near_end" -> "纸将尽 <small>paper low</small>";
            case "paper_out" -> "缺纸 <small>paper out</small>";
            case "cover_open" -> "盖未关 <small>cover open</small>";
            case "offline" -> "脱机 <small>offline</small>";
            case "error" -> "故障 <small>error</small>";
            case "none" -> "无 <small>none</small>";
            default -> Html.esc(printer);
        };
        return "<span class=\"printer " + ("ok".equals(printer) || "none".equals(printer) ? "good" : "bad") + "\">" + words + "</span>";
    }

    static String kindWords(String kind) {
        return switch (kind) {
            case "offline" -> "离线 <small>offline</small>";
            case "printer" -> "打印机 <small>printer</small>";
            case "backlog" -> "积压 <small>backlog</small>";
            case "seq_gap" -> "缺失 <small>seq gap</small>";
            case "conflict" -> "冲突 <small>conflict</small>";
            case "database_corrupt" -> "数据库损坏 <small>database corrupt</small>";
            case "stuck_button" -> "按键卡住 <small>stuck button</small>";
            case "outbox_full" -> "发件箱满 <small>outbox full</small>";
            case "storage" -> "存储 <small>storage</small>";
            case "parcel_overdue" -> "包裹逾期 <small>parcel overdue</small>";
            default -> Html.esc(kind);
        };
    }

    static String alarmStateWords(String state) {
        return switch (state) {
            case Alarm.ACTIVE -> "未确认 <small>active</small>";
            case Alarm.ACKNOWLEDGED -> "已确认 <small>acknowledged</small>";
            default -> "已清除 <small>cleared</small>";
        };
    }

    private static String dash(Object value) {
        return value == null ? "—" : Html.esc(value);
    }

    /** 2026-03-08T09:15:02.123+08:00 → 03-08 09:15:02 */
    private static String short_(String iso) {
        return iso == null ? "—" : iso.substring(5, 10) + " " + iso.substring(11, 19);
    }
}

package org.openhall.centre.reports;

import java.util.List;
import java.util.Map;

/**
 * A periodic report as one self-contained HTML page (no scripts, no external files): Chinese labels with the
 * English field names, rates in per cent, and print CSS so the weekly bulletin can be posted on A4.
 */
public final class HtmlReport {
    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("key", "项目"), Map.entry("site", "大厅"), Map.entry("kiosk", "设备"), Map.entry("window", "窗口"),
            Map.entry("day", "日期"), Map.entry("total", "评价总数"), Map.entry("very_satisfied", "非常满意"),
            Map.entry("satisfied", "满意"), Map.entry("basically_satisfied", "基本满意"),
            Map.entry("dissatisfied", "不满意"), Map.entry("very_dissatisfied", "非常不满意"), Map.entry("good", "好评"),
            Map.entry("bad", "差评"), Map.entry("goodRate", "好评率"), Map.entry("issued", "取号"),
            Map.entry("called", "叫号"), Map.entry("noShows", "过号"), Map.entry("waitP50S", "等候中位数(秒)"),
            Map.entry("waitP90S", "等候P90(秒)"), Map.entry("serviceP50S", "办理中位数(秒)"),
            Map.entry("serviceP90S", "办理P90(秒)"), Map.entry("pausedS", "暂停(秒)"), Map.entry("cases", "差评件数"),
            Map.entry("invalid", "误评"), Map.entry("valid", "有效差评"), Map.entry("rectified", "已整改"),
            Map.entry("revisited", "已回访"), Map.entry("closed", "已办结"), Map.entry("closedOnTime", "按期办结"),
            Map.entry("overdue", "逾期"), Map.entry("rectifiedRate", "整改率"), Map.entry("revisitRate", "回访率"),
            Map.entry("revisitSatisfiedRate", "回访满意率"), Map.entry("id", "编号"), Map.entry("ratedAt", "评价时间"),
            Map.entry("due", "办结期限"), Map.entry("state", "状态"), Map.entry("level", "评价"),
            Map.entry("reasons", "原因"), Map.entry("staff", "工作人员"), Map.entry("registered", "登记"),
            Map.entry("handedOver", "交网格员"), Map.entry("delivered", "已送达"), Map.entry("rescheduled", "改期"),
            Map.entry("returned", "退回大厅"), Map.entry("outAtWriting", "在途(制表时)"),
            Map.entry("overdueAtWriting", "超期(制表时)"));
    /** Inline, so a report file opened from disk is styled; also linked, since the centre's CSP forbids inline styles. */
    private static final String STYLE = style();


    private HtmlReport() {
    }

    private static String style() {
        try (java.io.InputStream in = HtmlReport.class.getResourceAsStream("/org/openhall/centre/web/static/report-print.css")) {
            return in == null ? "" : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    /** One section of the page: a heading over a table. */
    public record Section(String heading, ReportTable table) {
    }

    public static String render(String title, String meta, List<Section> sections) {
        StringBuilder html = new StringBuilder(4096);
        html.append("<!doctype html>\n<html lang=\"zh-Hans\"><head><meta charset=\"utf-8\"><title>").append(escape(title))
                .append("</title><link rel=\"stylesheet\" href=\"/static/report-print.css\"><style>").append(STYLE).append("</style></head><body>\n<h1>").append(escape(title))
                .append("</h1>\n<p class=\"meta\">").append(escape(meta)).append("</p>\n");
        for (Section section : sections) {
            html.append("<section><h2>").append(escape(section.heading())).append("</h2>\n");
            table(html, section.table());
            html.append("</section>\n");
        }
        return html.append("</body></html>\n").toString();
    }

    private static void table(StringBuilder html, ReportTable table) {
        if (table.rows().isEmpty()) {
            html.append("<p class=\"empty\">无数据 No data</p>\n");
            return;
        }
        html.append("<table><thead><tr>");
        for (String column : table.columns()) {
            html.append("<th>").append(escape(LABELS.getOrDefault(column, column))).append("<small>")
                    .append(escape(column)).append("</small></th>");
        }
        html.append("</tr></thead><tbody>\n");
        for (List<Object> row : table.rows()) {
            html.append("<tr>");
            for (int c = 0; c < row.size(); c++) {
                html.append("<td>").append(escape(cell(table.columns().get(c), row.get(c)))).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody></table>\n");
    }

    static String cell(String column, Object value) {
        if (value == null) {
            return "";
        }
        if (column.endsWith("Rate") && value instanceof Number rate) {
            return String.format("%.1f%%", rate.doubleValue() * 100);
        }
        return value.toString();
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}

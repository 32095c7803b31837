package org.openhall.centre.web;

/** Small HTML helpers: escaping and the page frame (Chinese first, English beside it). */
final class Html {
    private Html() {}

    static String esc(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A signed-in page: navigation, the user, a sign-out form with the CSRF token, then the content. */
    static String page(String titleZh, String titleEn, String user, String csrf, String content, String script) {
        return "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + esc(titleZh) + " · " + esc(titleEn) + " — 服务中心 Centre</title>"
                + "<link rel=\"stylesheet\" href=\"/static/centre.css\"></head><body>"
                + "<header><span class=\"brand\">服务大厅中心 <small>Hall centre</small></span><nav>"
                + "<a href=\"/\">设备 <small>Fleet</small></a><a href=\"/alarms\">告警 <small>Alarms</small></a>"
                + "<a href=\"/reports\">报表 <small>Reports</small></a><a href=\"/cases\">差评 <small>Cases</small></a>"
                + "<a href=\"/parcels\">包裹 <small>Parcels</small></a></nav>"
                + "<form method=\"post\" action=\"/logout\" class=\"logout\"><input type=\"hidden\" name=\"csrf\" value=\""
                + esc(csrf) + "\"><span>" + esc(user) + "</span><button type=\"submit\">退出 <small>Sign out</small></button></form>"
                + "</header><main><h1>" + esc(titleZh) + " <small>" + esc(titleEn) + "</small></h1>" + content + "</main>"
                + (script == null ? "" : script) + "</body></html>";
    }

    static String login(String token, String message) {
        return "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>登录 · Sign in — 服务中心 Centre</title><link rel=\"stylesheet\" href=\"/static/centre.css\"></head>"
                + "<body class=\"login\"><main><h1>服务大厅中心 <small>Hall centre</small></h1>"
                + (message == null ? "" : "<p class=\"error\" role=\"alert\">" + message + "</p>")
                + "<form method=\"post\" action=\"/login\"><input type=\"hidden\" name=\"csrf\" value=\"" + esc(token) + "\">"
                + "<label>用户名 <small>User</small><input name=\"user\" autocomplete=\"username\" required autofocus></label>"
                + "<label>密码 <small>Password</small><input name=\"password\" type=\"password\" autocomplete=\"current-password\" required></label>"
                + "<button type=\"submit\">登录 <small>Sign in</small></button></form></main></body></html>";
    }
}

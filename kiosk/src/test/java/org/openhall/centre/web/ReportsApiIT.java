package org.openhall.centre.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openhall.centre.cases.CaseService;
import org.openhall.centre.testing.ReportsTestCentre;
import org.openhall.centre.testing.ReportsTestCentre.Answer;

/**
 * The reports and cases API on a whole centre: kiosk events published to a real broker, ingested, projected,
 * then read over HTTP with tokens of each role; cases stepped through, an overdue case alarmed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportsApiIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String RANGE = "from=2026-09-28&to=2026-09-30";
    Path dir;
    ReportsTestCentre centre;

    static String rating(String window, String level, int score, String staff, String reasons) {
        return "{\"window\":\"" + window + "\",\"level\":\"" + level + "\",\"score\":" + score + ",\"verdict\":\""
                + (score <= 2 ? "bad" : "good") + "\",\"ticket\":\"A015\",\"staff\":" + (staff == null ? "null" : "\"" + staff + "\"")
                + ",\"channel\":\"terminal\",\"reasons\":" + reasons + "}";
    }

    @BeforeAll
    void start() throws Exception {
        dir = java.nio.file.Files.createTempDirectory("reports-api-it");
        centre = new ReportsTestCentre(dir, Instant.parse("2026-09-30T01:00:00Z"));
        centre.publish("wuquan", "hall-1", 1, "rating.submitted", Instant.parse("2026-09-29T02:00:00Z"),
                rating("3", "very_satisfied", 5, "s-7", "[]"));
        centre.publish("wuquan", "hall-1", 2, "rating.submitted", Instant.parse("2026-09-30T00:30:00Z"),
                rating("3", "very_dissatisfied", 1, "s-7", "[\"waiting_time\",\"attitude\"]"));
        centre.publish("wuquan", "hall-1", 3, "rating.submitted", Instant.parse("2026-09-30T00:40:00Z"),
                rating("3", "dissatisfied", 2, null, "[]"));
        centre.publish("wuquan", "hall-1", 4, "rating.submitted", Instant.parse("2026-09-30T00:50:00Z"),
                rating("1", "satisfied", 4, "s-2", "[]"));
        centre.publish("xinhua", "hall-9", 1, "rating.submitted", Instant.parse("2026-09-28T16:30:00Z"), // Sept 29 in Shanghai
                rating("3", "basically_satisfied", 3, null, "[]"));
        centre.publish("wuquan", "hall-1", 5, "ticket.issued", Instant.parse("2026-09-30T00:10:00Z"), "{\"ticketId\":\"t1\","
                + "\"number\":\"A001\",\"category\":\"A\",\"categoryName\":\"综合\",\"priority\":false,\"ahead\":0,"
                + "\"waitMinutes\":null,\"serviceDay\":\"2026-09-30\",\"channel\":\"terminal\",\"printed\":true}");
        centre.publish("wuquan", "hall-1", 6, "ticket.called", Instant.parse("2026-09-30T00:20:00Z"),
                "{\"number\":\"A001\",\"window\":\"3\",\"channel\":\"counter\",\"recall\":false,\"waitS\":600}");
        centre.publish("wuquan", "hall-1", 7, "ticket.completed", Instant.parse("2026-09-30T00:28:00Z"),
                "{\"number\":\"A001\",\"window\":\"3\",\"serviceS\":480}");
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Answer a = centre.get("/api/reports/ratings?by=day&" + RANGE, centre.viewer);
            return a.status() == 200 && total(JSON.readTree(a.body())) == 5;
        });
    }

    static long total(JsonNode report) {
        long total = 0;
        for (JsonNode row : report.path("rows")) {
            total += row.path("total").asLong();
        }
        return total;
    }

    @AfterAll
    void stop() {
        if (centre != null) {
            centre.close();
        }
    }

    JsonNode json(String path, String token) throws Exception {
        Answer a = centre.get(path, token);
        assertThat(a.status()).as(path).isEqualTo(200);
        return JSON.readTree(a.body());
    }

    @Test
    void ratingRowsHaveTheContractsFieldsPerWindowAndSite() throws Exception {
        JsonNode rows = json("/api/reports/ratings?by=window&" + RANGE, centre.viewer).path("rows");
        assertThat(rows).hasSize(3);
        JsonNode w3 = rows.get(1);
        List<String> fields = new ArrayList<>();
        w3.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("key", "site", "total", "very_satisfied", "satisfied", "basically_satisfied",
                "dissatisfied", "very_dissatisfied", "good", "bad", "goodRate");
        assertThat(w3.toString()).isEqualTo("{\"key\":\"3\",\"site\":\"wuquan\",\"total\":3,\"very_satisfied\":1,"
                + "\"satisfied\":0,\"basically_satisfied\":0,\"dissatisfied\":1,\"very_dissatisfied\":1,\"good\":1,"
                + "\"bad\":2,\"goodRate\":0.3333}");
        // by day over all sites: the xinhua rating at 16:30 UTC on Sept 28 is Sept 29 in Shanghai
        JsonNode days = json("/api/reports/ratings?by=day&" + RANGE, centre.viewer).path("rows");
        assertThat(days.toString()).contains("{\"key\":\"2026-09-29\",\"site\":null,\"total\":2,");
        JsonNode one = json("/api/reports/ratings?by=day&site=xinhua&" + RANGE, centre.viewer).path("rows");
        assertThat(one).hasSize(1);
        assertThat(one.get(0).path("site").asText()).isEqualTo("xinhua");
    }

    @Test
    void csvAndXlsxCarryTheSameRowsAsTheJson() throws Exception {
        JsonNode rows = json("/api/reports/ratings?by=staff&" + RANGE, centre.viewer).path("rows");
        Answer csv = centre.get("/api/reports/ratings?by=staff&format=csv&" + RANGE, centre.viewer);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(Arrays.copyOf(csv.body(), 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String[] lines = new String(csv.body(), 3, csv.body().length - 3, StandardCharsets.UTF_8).split("\r\n");
        assertThat(lines).hasSize(rows.size() + 1);
        assertThat(lines[0]).startsWith("key,site,total,very_satisfied");
        Answer xlsx = centre.get("/api/reports/ratings?by=staff&format=xlsx&" + RANGE, centre.viewer);
        assertThat(xlsx.contentType()).startsWith("application/vnd.openxmlformats");
        try (ReadableWorkbook book = new ReadableWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            List<Row> sheet = book.getFirstSheet().read();
            assertThat(sheet).hasSize(rows.size() + 1);
            for (int i = 0; i < rows.size(); i++) {
                JsonNode row = rows.get(i);
                String[] cells = lines[i + 1].split(",", -1);
                assertThat(cells[0]).isEqualTo(row.path("key").asText(""));
                assertThat(sheet.get(i + 1).getCellText(0)).isEqualTo(row.path("key").asText(""));
                assertThat(Long.parseLong(cells[2])).isEqualTo(row.path("total").asLong());
                assertThat(sheet.get(i + 1).getCellAsNumber(2).orElseThrow().longValue()).isEqualTo(row.path("total").asLong());
                assertThat(Double.parseDouble(cells[10])).isEqualTo(row.path("goodRate").asDouble());
            }
        }
    }

    @Test
    void queueRowsFromTheCallingEvents() throws Exception {
        JsonNode row = json("/api/reports/queue?by=category&" + RANGE, centre.viewer).path("rows").get(0);
        assertThat(row.toString()).isEqualTo("{\"key\":\"A\",\"site\":\"wuquan\",\"issued\":1,\"called\":1,\"noShows\":0,"
                + "\"waitP50S\":600,\"waitP90S\":600,\"serviceP50S\":480,\"serviceP90S\":480}");
        assertThat(json("/api/reports/queue?by=window&" + RANGE, centre.viewer).path("rows").get(0).path("issued").isNull())
                .isTrue();
    }

    @Test
    void badQueriesAreRefusedWithAWord() throws Exception {
        for (String q : List.of("/api/reports/ratings?by=year", "/api/reports/ratings?from=2026-13-01",
                "/api/reports/ratings?from=2026-10-02&to=2026-10-01", "/api/reports/ratings?format=pdf",
                "/api/reports/queue?by=staff", "/api/cases?state=lost", "/api/reports/ratings?site=a%20b")) {
            Answer a = centre.get(q, centre.viewer);
            assertThat(a.status()).as(q).isEqualTo(400);
            assertThat(a.text()).isEqualTo("{\"error\":\"invalid_argument\"}");
        }
        assertThat(centre.get("/api/reports/ratings", null).status()).isEqualTo(401);
        assertThat(centre.get("/api/cases", null).status()).isEqualTo(401);
    }

    @Test
    void aCaseGoesThroughEveryStepOverTheApiAndAViewerCannotStepIt() throws Exception {
        JsonNode open = json("/api/cases?state=open&site=wuquan", centre.viewer).path("cases");
        assertThat(open).hasSize(2);
        JsonNode c = open.get(1); // oldest last: the very_dissatisfied one
        assertThat(c.path("level").asText()).isEqualTo("very_dissatisfied");
        assertThat(c.path("reasons").toString()).isEqualTo("[\"waiting_time\",\"attitude\"]");
        assertThat(c.path("window").asText()).isEqualTo("3");
        assertThat(c.path("staff").asText()).isEqualTo("s-7");
        assertThat(c.path("ratedAt").asText()).isEqualTo("2026-09-30T08:30+08:00");
        assertThat(c.path("due").asText()).isEqualTo("2026-10-13"); // National Day week, Oct 10 worked
        assertThat(c.path("state").asText()).isEqualTo("new");
        assertThat(c.path("overdue").asBoolean()).isFalse();
        String steps = "/api/cases/" + c.path("id").asLong() + "/steps";

        assertThat(centre.post(steps, centre.viewer, "{\"step\":\"verify\"}").status()).isEqualTo(403);
        assertThat(centre.post(steps, null, "{\"step\":\"verify\"}").status()).isEqualTo(401);
        Answer early = centre.post(steps, centre.supervisor, "{\"step\":\"close\"}");
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.text()).isEqualTo("{\"error\":\"step_out_of_order\"}");
        assertThat(centre.post(steps, centre.supervisor, "{\"step\":\"verify\",\"extra\":1}").status()).isEqualTo(400);
        assertThat(centre.post(steps, centre.supervisor, "not json").status()).isEqualTo(400);
        assertThat(centre.post("/api/cases/99999/steps", centre.supervisor, "{\"step\":\"verify\"}").status()).isEqualTo(404);

        assertThat(step(steps, "{\"step\":\"verify\",\"note\":\"查看了录像\"}").path("state").asText()).isEqualTo("verified");
        assertThat(step(steps, "{\"step\":\"rectify\",\"note\":\"高峰时增开窗口\"}").path("state").asText()).isEqualTo("rectified");
        assertThat(centre.post(steps, centre.supervisor, "{\"step\":\"revisit\"}").status()).isEqualTo(400);
        assertThat(step(steps, "{\"step\":\"revisit\",\"view\":\"basically_satisfied\",\"note\":\"电话回访\"}")
                .path("state").asText()).isEqualTo("revisited");
        JsonNode closed = centre.post(steps, centre.admin, "{\"step\":\"close\"}").status() == 200
                ? json("/api/cases/" + c.path("id").asLong(), centre.viewer) : null;
        assertThat(closed.path("state").asText()).isEqualTo("closed");
        assertThat(closed.path("steps")).hasSize(4);
        assertThat(closed.path("steps").get(0).path("user").asText()).isEqualTo("zhang");
        assertThat(closed.path("steps").get(0).path("note").asText()).isEqualTo("查看了录像");
        assertThat(closed.path("steps").get(2).path("view").asText()).isEqualTo("basically_satisfied");
        assertThat(closed.path("steps").get(3).path("user").asText()).isEqualTo("admin-t");
        assertThat(closed.path("steps").get(0).path("at").asText()).startsWith("2026-09-30T");
        assertThat(json("/api/cases?state=closed", centre.viewer).path("cases")).hasSize(1);

        // the other case passes its due date: listed as overdue and alarmed for its kiosk, until it is settled
        centre.clock.set(Instant.parse("2026-10-13T16:00:01Z"));
        centre.centre().reports().cases().checkOverdue();
        JsonNode overdue = json("/api/cases?state=overdue", centre.viewer).path("cases");
        assertThat(overdue).hasSize(1);
        assertThat(overdue.get(0).path("overdue").asBoolean()).isTrue();
        JsonNode alarm = caseAlarm();
        assertThat(alarm).isNotNull();
        assertThat(alarm.path("kiosk").asText()).isEqualTo("hall-1");
        assertThat(alarm.path("message").asText()).contains("1 bad-rating case");
        String other = "/api/cases/" + overdue.get(0).path("id").asLong() + "/steps";
        assertThat(step(other, "{\"step\":\"invalid\",\"note\":\"小孩误按\"}").path("state").asText()).isEqualTo("invalid");
        centre.centre().reports().cases().checkOverdue();
        assertThat(caseAlarm()).isNull();
    }

    JsonNode step(String path, String body) throws Exception {
        Answer a = centre.post(path, centre.supervisor, body);
        assertThat(a.status()).as(body + " -> " + a.text()).isEqualTo(200);
        return JSON.readTree(a.body());
    }

    JsonNode caseAlarm() throws Exception {
        for (JsonNode a : json("/api/alarms?state=active", centre.viewer).path("alarms")) {
            if (a.path("kind").asText().equals(CaseService.ALARM_KIND)) {
                return a;
            }
        }
        return null;
    }

    @Test
    void periodicReportsAreListedAndServed() throws Exception {
        centre.centre().reports().periodic().catchUp(); // the timer may have written them already at start
        assertThat(centre.centre().reports().periodic().catchUp()).isEmpty();
        JsonNode reports = json("/api/reports/periodic", centre.viewer).path("reports");
        assertThat(reports.size()).isGreaterThanOrEqualTo(1);
        JsonNode daily = reports.get(0);
        assertThat(daily.path("kind").asText()).isEqualTo("daily");
        Answer html = centre.get(daily.path("files").path("html").asText(), centre.viewer);
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.text()).contains("日报告");
        assertThat(centre.get(daily.path("files").path("xlsx").asText(), centre.viewer).status()).isEqualTo(200);
        // no file outside data_dir/reports: Jetty refuses the encoded separator (400), names not ours are 404
        assertThat(centre.get("/api/reports/files/..%2Fcentre.db", centre.viewer).status()).isIn(400, 404);
        assertThat(centre.get("/api/reports/files/centre.db", centre.viewer).status()).isEqualTo(404);
    }
}

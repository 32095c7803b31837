package org.openhall.kiosk.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhall.kiosk.parcels.Worker;
import org.openhall.kiosk.testing.Http;
import org.openhall.kiosk.testing.TestKiosk;

/** The clerk's parcel API on a whole simulated kiosk (its printer a file): every refusal changes nothing. */
class ParcelRoutesIT {
    static final String TOKEN_3 = "window-three-secret";
    static final String TOKEN_4 = "window-four-secret";
    static final String PARCEL = """
            {"matter":"户籍证明","residentName":"朱晓荣","phone":"13812341234","address":"幸福小区3栋501","note":"下午送"}""";

    @TempDir
    Path dir;
    private TestKiosk kiosk;
    private ClerkClient clerk;
    private Path paper;

    static String windows(Path dir) throws Exception {
        Files.writeString(dir.resolve("w3.token"), TOKEN_3 + "\n");
        Files.writeString(dir.resolve("w4.token"), TOKEN_4);
        return """
                [[windows]]
                id = "3"
                token_file = "%s"
                [[windows]]
                id = "4"
                token_file = "%s"
                """.formatted(dir.resolve("w3.token"), dir.resolve("w4.token"));
    }

    /** Every value of every table of a SQLite file, as one string (read with the kiosk stopped: it holds the file exclusively). */
    static String everything(Path db) throws Exception {
        StringBuilder out = new StringBuilder();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:file:" + db + "?mode=ro");
                java.sql.Statement s = c.createStatement();
                java.sql.ResultSet tables = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            List<String> names = new java.util.ArrayList<>();
            while (tables.next()) {
                names.add(tables.getString(1));
            }
            for (String table : names) {
                try (java.sql.Statement q = c.createStatement(); java.sql.ResultSet rs = q.executeQuery("SELECT * FROM " + table)) {
                    while (rs.next()) {
                        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                            Object v = rs.getObject(i);
                            out.append(v instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : v).append('|');
                        }
                    }
                }
            }
        }
        return out.toString();
    }

    @BeforeEach
    void start() throws Exception {
        Path data = dir.resolve("data");
        kiosk = TestKiosk.start("parcels-01", data, "tcp://127.0.0.1:1", TestKiosk.TWO_CATEGORIES + windows(dir));
        kiosk.kiosk().parcels().replaceWorkers(List.of(new Worker("W01", "李四"), new Worker("W02", "王五")));
        clerk = new ClerkClient(kiosk.kiosk().httpPort(), TOKEN_3);
        paper = data.resolve("sim-printer.bin");
    }

    @AfterEach
    void stop() {
        kiosk.close();
    }

    private long depth() {
        return kiosk.http().get("/api/health").json().get("outboxDepth").asLong();
    }

    private String printed() throws Exception {
        return Files.exists(paper) ? new String(Files.readAllBytes(paper), Charset.forName("GB18030")) : "";
    }

    private static void refused(Http.Answer a, int status, String error) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.json().get("error").asText()).isEqualTo(error);
    }

    @Test
    void aClerkRegistersAParcelAndGetsItsNumberWithTheResidentMasked() throws Exception {
        Http.Answer a = clerk.post("/api/parcels", PARCEL);

        assertThat(a.status()).as(a.body()).isEqualTo(201);
        JsonNode p = a.json();
        assertThat(p.get("number").asText()).matches("P[0-9]{8}001");
        assertThat(p.get("residentName").asText()).isEqualTo("朱*荣");
        assertThat(p.get("phone").asText()).isEqualTo("138****1234");
        assertThat(p.get("window").asText()).isEqualTo("3");
        assertThat(p.get("printed").asBoolean()).isTrue();
        assertThat(a.body()).doesNotContain("朱晓荣", "13812341234", "幸福小区");
        assertThat(printed()).contains(p.get("parcelId").asText(), "朱*荣").doesNotContain("朱晓荣");
        assertThat(clerk.get("/api/parcels").json().get("parcels")).hasSize(1);
    }

    @Test
    void withoutTheWindowsTokenNothingIsRegistered() {
        long before = depth();
        refused(new ClerkClient(kiosk.kiosk().httpPort(), null).post("/api/parcels", PARCEL), 401, "unauthorized");
        refused(new ClerkClient(kiosk.kiosk().httpPort(), "guess-guess").post("/api/parcels", PARCEL), 401, "unauthorized");
        refused(new ClerkClient(kiosk.kiosk().httpPort(), null).get("/api/parcels/workers"), 401, "unauthorized");
        assertThat(depth()).isEqualTo(before);
    }

    @Test
    void badFieldsAreRefusedNamingTheFieldAndNothingIsRecorded() {
        long before = depth();
        Http.Answer big = clerk.post("/api/parcels", PARCEL.replace("幸福小区3栋501", "址".repeat(129)));
        refused(big, 400, "invalid_argument");
        assertThat(big.json().get("field").asText()).isEqualTo("address");
        assertThat(big.json().get("message").asText()).contains("128");
        refused(clerk.post("/api/parcels", PARCEL.replace("户籍证明", "户籍\\u001b证明")), 400, "invalid_argument");
        refused(clerk.post("/api/parcels", PARCEL.replace("}", ",\"idCard\":\"1\"}")), 400, "invalid_argument");
        refused(clerk.post("/api/parcels", PARCEL.replace("}", ",\"matter\":\"x\"}")), 400, "invalid_argument");
        refused(clerk.post("/api/parcels", PARCEL + "{}"), 400, "invalid_argument");
        refused(clerk.post("/api/parcels", PARCEL.replace("\"13812341234\"", "13812341234")), 400, "invalid_argument");
        refused(clerk.post("/api/parcels", "[]"), 400, "invalid_argument");
        assertThat(depth()).isEqualTo(before);
        assertThat(clerk.get("/api/parcels").json().get("parcels")).isEmpty();
    }

    @Test
    void aHandOverScansConfirmsAndPrintsTheReceipt() throws Exception {
        JsonNode a = clerk.post("/api/parcels", PARCEL).json();
        JsonNode b = clerk.post("/api/parcels", PARCEL.replace("户籍证明", "不动产登记")).json();
        JsonNode h = clerk.post("/api/handovers", "{\"worker\":\"W01\"}").json();
        String id = h.get("handoverId").asText();
        assertThat(h.get("workerName").asText()).isEqualTo("李四");

        assertThat(clerk.post("/api/handovers/" + id + "/scans", "{\"code\":\"" + a.get("parcelId").asText() + "\"}").status()).isEqualTo(200);
        Http.Answer listed = clerk.post("/api/handovers/" + id + "/scans", "{\"code\":\"" + b.get("number").asText() + "\"}");
        assertThat(listed.json().get("parcels")).hasSize(2);
        long before = depth();
        Http.Answer done = clerk.post("/api/handovers/" + id + "/confirm", "{}");

        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.json().get("state").asText()).isEqualTo("confirmed");
        assertThat(done.json().get("printed").asBoolean()).isTrue();
        assertThat(depth()).isEqualTo(before + 2);
        assertThat(printed()).contains("政务包裹交接回执单", "李四 (W01)", a.get("number").asText() + "  户籍证明",
                b.get("number").asText() + "  不动产登记", "网格员签字", "大厅签字");
        assertThat(clerk.get("/api/parcels").json().get("parcels")).isEmpty();
    }

    @Test
    void badScansGetAClearRefusalAndRecordNothing() {
        JsonNode a = clerk.post("/api/parcels", PARCEL).json();
        refused(clerk.post("/api/handovers", "{\"worker\":\"W99\"}"), 400, "unknown_worker");
        refused(clerk.post("/api/handovers", "{\"worker\":\"\"}"), 400, "unknown_worker");
        String id = clerk.post("/api/handovers", "{\"worker\":\"W02\"}").json().get("handoverId").asText();
        String scans = "/api/handovers/" + id + "/scans";
        String code = "{\"code\":\"" + a.get("parcelId").asText() + "\"}";
        clerk.post(scans, code);
        long before = depth();

        refused(clerk.post(scans, code), 409, "already_scanned");
        refused(clerk.post(scans, "{\"code\":\"3f0c0000-0000-4000-8000-000000000000\"}"), 404, "unknown_parcel");
        refused(clerk.post(scans, "{\"code\":\"" + "9".repeat(5000) + "\"}"), 404, "unknown_parcel");
        refused(new ClerkClient(kiosk.kiosk().httpPort(), TOKEN_4).post(scans, code), 404, "unknown_handover");
        assertThat(clerk.get("/api/handovers/" + id).json().get("parcels")).hasSize(1);
        assertThat(depth()).isEqualTo(before);

        clerk.post("/api/handovers/" + id + "/confirm", "{}");
        String again = clerk.post("/api/handovers", "{\"worker\":\"W01\"}").json().get("handoverId").asText();
        refused(clerk.post("/api/handovers/" + again + "/scans", code), 409, "already_handed_over");
        refused(clerk.post("/api/handovers/" + again + "/confirm", "{}"), 409, "no_parcels");
    }

    @Test
    void aScannedParcelCanBeTakenOffTheListAndACancelledHandOverRecordsNothing() {
        JsonNode a = clerk.post("/api/parcels", PARCEL).json();
        String id = clerk.post("/api/handovers", "{\"worker\":\"W01\"}").json().get("handoverId").asText();
        clerk.post("/api/handovers/" + id + "/scans", "{\"code\":\"" + a.get("parcelId").asText() + "\"}");
        long before = depth();

        Http.Answer removed = clerk.delete("/api/handovers/" + id + "/scans/" + a.get("parcelId").asText());
        assertThat(removed.status()).as(removed.body()).isEqualTo(200);
        assertThat(removed.json().get("parcels")).isEmpty();
        refused(clerk.delete("/api/handovers/" + id + "/scans/" + a.get("parcelId").asText()), 404, "unknown_parcel");
        assertThat(clerk.post("/api/handovers/" + id + "/cancel", "{}").status()).isEqualTo(200);
        refused(clerk.post("/api/handovers/" + id + "/confirm", "{}"), 404, "unknown_handover");
        assertThat(depth()).isEqualTo(before);
        assertThat(clerk.get("/api/parcels").json().get("parcels")).hasSize(1);
    }

    @Test
    void theParcelPageIsServedFromTheJar() {
        Http.Answer page = kiosk.http().get("/parcels?window=3");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("政务包裹", "Government parcels", "/parcels.js");
        assertThat(kiosk.http().get("/parcels.js").body()).contains("/api/handovers/");
    }
}

package org.openhall.kiosk.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhall.kiosk.testing.FreePort;
import org.openhall.kiosk.testing.Http;
import org.openhall.kiosk.testing.KioskProcess;
import org.openhall.kiosk.testing.RawHttp;
import org.openhall.kiosk.testing.TestKiosk;

/**
 * Issue 11, item 5, against the daemon started through {@code deploy/bin/kiosk}: what a hostile page, a
 * DNS-rebinding page or a machine on the LAN could send, and what the daemon answers (interface.md section 6).
 */
class HttpRulesIT {
    private static final String JSON = "Content-Type: application/json\r\n";
    private static final String RATING = "{\"window\":\"1\",\"level\":\"satisfied\"}";
    private static final Http.Answer INVALID = new Http.Answer(400, "{\"error\":\"invalid_argument\"}");

    @TempDir
    Path tmp;

    private String toml(String host, String terminalExtra) {
        return TestKiosk.baseToml("rules-01", tmp.resolve("data"), "tcp://127.0.0.1:" + FreePort.pick())
                .replace("listen = \"127.0.0.1:0\"", "listen = \"" + host + ":0\"\n" + terminalExtra)
                + TestKiosk.TWO_CATEGORIES + """
                [[evaluators]]
                window = "1"
                buttons = { satisfied = 5, dissatisfied = 6 }
                lockout_s = 0
                """;
    }

    @Test
    void crossSiteRebindingAndMalformedRequestsAreRefusedAndChangeNothing() {
        try (KioskProcess daemon = KioskProcess.startSimulated(tmp.resolve("d1"), toml("127.0.0.1", ""))) {
            int port = daemon.port();
            String host = "127.0.0.1:" + port;
            assertThat(RawHttp.once(port, RawHttp.post("/api/ratings", host, JSON + "Origin: http://evil.example\r\n", RATING)))
                    .isEqualTo(new Http.Answer(403, "{\"error\":\"forbidden_origin\"}"));
            assertThat(RawHttp.once(port, RawHttp.post("/api/ratings", host, "Content-Type: text/plain\r\n", RATING)))
                    .isEqualTo(new Http.Answer(415, "{\"error\":\"unsupported_media_type\"}"));
            assertThat(RawHttp.once(port, RawHttp.post("/api/tickets", "rebind.evil.example:" + port, JSON, "{\"category\":\"A\"}")))
                    .isEqualTo(new Http.Answer(403, "{\"error\":\"forbidden_host\"}"));
            assertThat(RawHttp.once(port, RawHttp.get("/api/queue", "rebind.evil.example", "")).status())
                    .as("a rebinding page cannot read either").isEqualTo(403);
            for (String bad : List.of(RATING + "x", "{\"window\":\"1\",\"level\":\"satisfied\",\"level\":\"dissatisfied\"}",
                    "{\"window\":\"1\",\"level\":\"satisfied\",\"ticket\":\"A001\"}")) {
                assertThat(RawHttp.once(port, RawHttp.post("/api/ratings", host, JSON, bad))).as(bad).isEqualTo(INVALID);
            }
            assertThat(RawHttp.once(port, RawHttp.post("/api/sim/press?pin=%5", host, JSON, ""))).isEqualTo(INVALID);
            assertThat(RawHttp.once(port, RawHttp.get("/api/queue?x=%E5%8", host, ""))).isEqualTo(INVALID);

            Http http = new Http(port);
            assertThat(http.get("/api/health").status()).isEqualTo(200);
            assertThat(http.get("/api/queue").json().path("categories").get(0).path("waiting").asInt())
                    .as("no refused request took a ticket").isZero();
            assertThat(RawHttp.once(port, RawHttp.post("/api/ratings", host, JSON + "Origin: http://" + host + "\r\n", RATING)).status())
                    .as("the page's own origin may rate").isEqualTo(201);
            assertThat(daemon.log()).contains("ready").doesNotContain("Exception");
        }
    }

    @Test
    void aRefusalKeepsTheConnectionWhenTheBodyCameAndClosesItSayingSoWhenNot() throws Exception {
        try (KioskProcess daemon = KioskProcess.startSimulated(tmp.resolve("d3"), toml("127.0.0.1", ""))) {
            int port = daemon.port();
            String host = "127.0.0.1:" + port;
            String forged = JSON + "Origin: http://evil.example\r\n";
            try (RawHttp raw = new RawHttp("127.0.0.1", port)) {
                assertThat(raw.exchange(RawHttp.post("/api/ratings", host, forged, RATING)).status()).isEqualTo(403);
                assertThat(raw.lastHeader("Connection")).as("the whole request came: the connection goes on").isNull();
                assertThat(raw.exchange(RawHttp.get("/api/queue", host, "")).status()).isEqualTo(200);
            }
            try (RawHttp raw = new RawHttp("127.0.0.1", port)) {
                String head = RawHttp.post("/api/ratings", host, forged, RATING);
                raw.output().write(head.substring(0, head.length() - RATING.length()).getBytes(StandardCharsets.UTF_8));
                raw.output().flush();
                assertThat(raw.readAnswer().status()).as("refused on its headers").isEqualTo(403);
                assertThat(raw.lastHeader("Connection")).as("a client must not reuse it").isEqualTo("close");
                assertThat(raw.closedWithin(5_000)).isTrue();
            }
            assertThat(new Http(port).get("/api/queue").status()).isEqualTo(200);
        }
    }

    @Test
    void residentActionsFromTheLanNeedTrustedClients() throws Exception {
        InetAddress lan = TerminalServerTest.nonLoopbackAddress();
        org.junit.jupiter.api.Assumptions.assumeTrue(lan != null, "needs a non-loopback IPv4 address on this machine");
        String address = lan.getHostAddress();
        try (KioskProcess daemon = KioskProcess.startSimulated(tmp.resolve("untrusted"), toml("0.0.0.0", ""))) {
            int port = daemon.port();
            try (RawHttp fromLan = new RawHttp(address, address, port)) {
                String host = address + ":" + port;
                assertThat(fromLan.exchange(RawHttp.post("/api/tickets", host, JSON, "{\"category\":\"A\"}")))
                        .isEqualTo(new Http.Answer(403, "{\"error\":\"local_only\"}"));
                assertThat(fromLan.exchange(RawHttp.post("/api/ratings", host, JSON, RATING)).status()).isEqualTo(403);
                assertThat(fromLan.exchange(RawHttp.post("/api/sim/press?pin=5", host, JSON, "")).status()).isEqualTo(403);
                assertThat(fromLan.exchange(RawHttp.get("/api/queue", host, "")).status()).as("reading is open").isEqualTo(200);
            }
            assertThat(new Http(port).post("/api/tickets", "{\"category\":\"A\"}").status()).as("loopback may").isEqualTo(201);
        }
        String trusted = "trusted_clients = [\"" + address + "\"]";
        try (KioskProcess daemon = KioskProcess.startSimulated(tmp.resolve("trusted"), toml("0.0.0.0", trusted));
                RawHttp fromLan = new RawHttp(address, address, daemon.port())) {
            String host = address + ":" + daemon.port();
            assertThat(fromLan.exchange(RawHttp.post("/api/tickets", host, JSON, "{\"category\":\"A\"}")).status()).isEqualTo(201);
            assertThat(fromLan.exchange(RawHttp.post("/api/ratings", host, JSON, RATING)).status()).isEqualTo(201);
        }
    }
}

package org.openhall.kiosk.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openhall.kiosk.config.AddressRange;
import org.openhall.kiosk.config.KioskConfig;
import org.openhall.kiosk.testing.Http;
import org.openhall.kiosk.testing.RawHttp;

class TerminalServerTest {
    private TerminalServer server;
    private Http http;
    private final AtomicBoolean ranOnVirtualThread = new AtomicBoolean();

    void start(KioskConfig.TerminalSettings settings) throws IOException {
        server = new TerminalServer(settings);
        server.route("POST", "/echo", r -> {
            ranOnVirtualThread.set(Thread.currentThread().isVirtual());
            return HttpResponse.json(200, JsonNodeFactory.instance.objectNode().put("bytes", r.body().length)
                    .put("q", r.query().get("q")));
        });
        server.route("POST", "/fields", Set.of("a", "b"), r -> HttpResponse.json(200, r.json()));
        server.localRoute("POST", "/local", Set.of(), r -> HttpResponse.json(200, JsonNodeFactory.instance.objectNode()));
        server.prefixRoute("POST", "/api/windows/", r -> HttpResponse.json(200, JsonNodeFactory.instance.objectNode().put("path", r.path())));
        server.route("GET", "/boom", r -> {
            throw new IllegalStateException("bug");
        });
        server.start();
        http = new Http(server.port());
    }

    void start() throws IOException {
        start(new KioskConfig.TerminalSettings("127.0.0.1", 0));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private Http.Answer raw(String request) {
        return RawHttp.once(server.port(), request);
    }

    private String host() {
        return "127.0.0.1:" + server.port();
    }

    @Test
    void bodiesUpTo64KiBAreReadAndLargerOnesRefusedWith413() throws IOException {
        start();
        assertThat(http.post("/echo", jsonOfSize(64 * 1024)).json().get("bytes").asInt()).isEqualTo(65_536);
        Http.Answer tooLarge = http.post("/echo", jsonOfSize(64 * 1024 + 1));
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.json().get("error").asText()).isEqualTo("body_too_large");
        assertThat(ranOnVirtualThread).as("routes run on virtual threads").isTrue();
    }

    @Test
    void unknownPathsAndWrongMethodsAnswerJson() throws IOException {
        start();
        Http.Answer missing = http.get("/nope");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("error").asText()).isEqualTo("not_found");
        Http.Answer wrongMethod = http.get("/echo");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.json().get("error").asText()).isEqualTo("method_not_allowed");
    }

    @Test
    void aFailingRouteAnswers500AndTheServerGoesOn() throws IOException {
        start();
        Http.Answer failed = http.get("/boom");
        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.json().get("error").asText()).isEqualTo("internal_error");
        assertThat(http.post("/echo?q=%E5%8F%B7&q=second", "{}").json().get("q").asText()).isEqualTo("号");
    }

    @Test
    void aBadPercentEscapeInTheQueryIsA400JsonAnswerNotADroppedConnection() throws IOException {
        start();
        Http.Answer bad = raw(RawHttp.post("/echo?q=%E5%8", host(), "Content-Type: application/json\r\n", "{}"));
        assertThat(bad).isEqualTo(new Http.Answer(400, "{\"error\":\"invalid_argument\"}"));
        assertThat(raw(RawHttp.get("/boom?x=%zz", host(), "")).status()).isIn(400, 500);
    }

    @Test
    void aPostNeedsTheJsonMediaTypeACharsetMayFollow() throws IOException {
        start();
        assertThat(http.post("/echo", "text/plain", "{}")).isEqualTo(new Http.Answer(415, "{\"error\":\"unsupported_media_type\"}"));
        assertThat(http.post("/echo", null, "{}").status()).isEqualTo(415);
        assertThat(http.post("/echo", "application/x-www-form-urlencoded", "a=1").status()).isEqualTo(415);
        assertThat(http.post("/echo", "application/json; charset=utf-8", "{}").status()).isEqualTo(200);
        assertThat(http.post("/echo", "Application/JSON", "{}").status()).isEqualTo(200);
    }

    @Test
    void aBodyIsOneObjectWithoutDuplicatesTrailingGarbageOrUnknownFields() throws IOException {
        start();
        assertThat(http.post("/fields", "{\"a\":1,\"b\":\"x\"}").json().get("b").asText()).isEqualTo("x");
        for (String bad : List.of("{\"a\":1}x", "{\"a\":1}{}", "{\"a\":1,\"a\":2}", "{\"c\":1}", "[1]", "\"a\"", "not json", "{\"a\":")) {
            assertThat(http.post("/fields", bad)).as(bad).isEqualTo(new Http.Answer(400, "{\"error\":\"invalid_argument\"}"));
        }
        assertThat(http.post("/fields", "  {\"a\":1}\n").status()).as("whitespace around is fine").isEqualTo(200);
        assertThat(http.post("/fields", "").json().size()).as("no body is an empty object").isZero();
        assertThat(http.post("/echo", "{\"anything\":1}").status()).as("a route without a declaration takes any field").isEqualTo(200);
        assertThat(http.post("/echo", "{\"a\":1}x").status()).as("but never a malformed body").isEqualTo(400);
    }

    @Test
    void aForeignOriginIsRefusedTheOwnOriginAndNoneAreTaken() throws IOException {
        start();
        String json = "Content-Type: application/json\r\n";
        assertThat(raw(RawHttp.post("/echo", host(), json + "Origin: http://evil.example\r\n", "{}")))
                .isEqualTo(new Http.Answer(403, "{\"error\":\"forbidden_origin\"}"));
        assertThat(raw(RawHttp.post("/echo", host(), json + "Origin: null\r\n", "{}")).status()).isEqualTo(403);
        assertThat(raw(RawHttp.post("/echo", host(), json + "Origin: https://" + host() + "\r\n", "{}")).status()).isEqualTo(403);
        assertThat(raw(RawHttp.get("/api/windows/x", host(), "Origin: http://evil.example\r\n")).status())
                .as("reads are checked too: a rebinding page cannot read").isEqualTo(403);
        assertThat(raw(RawHttp.post("/echo", host(), json + "Origin: http://" + host() + "\r\n", "{}")).status()).isEqualTo(200);
        assertThat(raw(RawHttp.post("/echo", host(), json, "{}")).status()).isEqualTo(200);
    }

    @Test
    void onlyIpLiteralsLocalhostAndConfiguredNamesAreServedAsHost() throws IOException {
        start(new KioskConfig.TerminalSettings("127.0.0.1", 0, List.of("kiosk-01.hall.example"), List.of(), 64));
        String json = "Content-Type: application/json\r\n";
        assertThat(raw(RawHttp.post("/echo", "evil.example:" + server.port(), json, "{}")))
                .isEqualTo(new Http.Answer(403, "{\"error\":\"forbidden_host\"}"));
        assertThat(raw(RawHttp.get("/nope", "127.0.0.1.evil.example", "")).status()).isEqualTo(403);
        for (String ok : List.of("127.0.0.1:" + server.port(), "localhost:" + server.port(), "LOCALHOST", "[::1]:8080",
                "192.168.1.20", "kiosk-01.hall.example:8080", "Kiosk-01.Hall.Example")) {
            assertThat(raw(RawHttp.post("/echo", ok, json, "{}")).status()).as(ok).isEqualTo(200);
        }
    }

    @Test
    void localRoutesTakeLoopbackClientsAndTheTrustedOnes() throws IOException {
        start();
        assertThat(http.post("/local", "").status()).as("loopback is always trusted").isEqualTo(200);
        assertThat(http.post("/api/windows/3/next", "").json().get("path").asText())
                .as("prefix routes are open to the LAN").isEqualTo("/api/windows/3/next");
        RequestRules none = new RequestRules(List.of(), List.of());
        RequestRules lan = new RequestRules(List.of(), List.of(AddressRange.parse("192.168.1.0/24").orElseThrow(),
                AddressRange.parse("10.0.0.7").orElseThrow()));
        assertThat(none.trusted(address("192.168.1.20"))).isFalse();
        assertThat(lan.trusted(address("192.168.1.20"))).isTrue();
        assertThat(lan.trusted(address("192.168.2.20"))).isFalse();
        assertThat(lan.trusted(address("10.0.0.7"))).isTrue();
        assertThat(lan.trusted(address("10.0.0.8"))).isFalse();
        assertThat(lan.trusted(address("::1"))).isTrue();
    }

    @Test
    void aLocalRouteFromAnUntrustedClientIs403LocalOnly() throws Exception {
        java.net.InetAddress lanAddress = nonLoopbackAddress();
        org.junit.jupiter.api.Assumptions.assumeTrue(lanAddress != null, "this machine has a non-loopback IPv4 address");
        start(new KioskConfig.TerminalSettings("0.0.0.0", 0));
        String body = "Content-Type: application/json\r\n";
        try (RawHttp fromLan = new RawHttp(lanAddress.getHostAddress(), lanAddress.getHostAddress(), server.port())) {
            assertThat(fromLan.exchange(RawHttp.post("/local", lanAddress.getHostAddress(), body, "")))
                    .isEqualTo(new Http.Answer(403, "{\"error\":\"local_only\"}"));
            assertThat(fromLan.exchange(RawHttp.post("/echo", lanAddress.getHostAddress(), body, "{}")).status()).isEqualTo(200);
        }
    }

    @Test
    void headersThatNeverEndAreDroppedWithinTenSeconds() throws Exception {
        start();
        try (RawHttp slow = new RawHttp("127.0.0.1", server.port())) {
            long started = System.nanoTime();
            slow.output().write("POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n".getBytes(StandardCharsets.US_ASCII));
            boolean closed = false;
            for (int i = 0; i < 24 && !closed; i++) { // a header byte every 500 ms: never idle, never done
                slow.output().write('X');
                slow.output().flush();
                closed = slow.closedWithin(500);
            }
            long ms = (System.nanoTime() - started) / 1_000_000;
            assertThat(closed).isTrue();
            assertThat(ms).isBetween(8_000L, 11_000L);
        }
    }

    @Test
    void aBodyThatNeverEndsIsDroppedWithinTenSeconds() throws Exception {
        start();
        try (RawHttp slow = new RawHttp("127.0.0.1", server.port())) {
            long started = System.nanoTime();
            slow.output().write(("POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            boolean closed = false;
            for (int i = 0; i < 24 && !closed; i++) {
                slow.output().write(' ');
                slow.output().flush();
                closed = slow.closedWithin(500);
            }
            assertThat(closed).isTrue();
            assertThat((System.nanoTime() - started) / 1_000_000).isBetween(8_000L, 11_000L);
        }
        assertThat(http.post("/echo", "{}").status()).as("the server goes on").isEqualTo(200);
    }

    /** {@code {"pad":"xxx…"}} of exactly {@code size} bytes. */
    private static byte[] jsonOfSize(int size) {
        return ("{\"pad\":\"" + "x".repeat(size - 10) + "\"}").getBytes(StandardCharsets.US_ASCII);
    }

    private static java.net.InetAddress address(String literal) {
        return java.net.InetAddress.ofLiteral(literal);
    }

    static java.net.InetAddress nonLoopbackAddress() throws java.net.SocketException {
        for (java.net.NetworkInterface nic : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (java.net.InetAddress a : java.util.Collections.list(nic.getInetAddresses())) {
                if (a instanceof java.net.Inet4Address) {
                    return a;
                }
            }
        }
        return null;
    }
}

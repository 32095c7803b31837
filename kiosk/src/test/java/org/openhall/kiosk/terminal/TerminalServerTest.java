package org.openhall.kiosk.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openhall.kiosk.testing.Http;

class TerminalServerTest {
    private TerminalServer server;
    private Http http;

    @BeforeEach
    void start() throws Exception {
        server = new TerminalServer("127.0.0.1", 0);
        server.route("POST", "/echo", r -> HttpResponse.json(200,
                JsonNodeFactory.instance.objectNode().put("bytes", r.body().length).put("q", r.query().get("q"))));
        server.route("GET", "/boom", r -> {
            throw new IllegalStateException("bug");
        });
        server.start();
        http = new Http(server.port());
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void bodiesUpTo64KiBAreReadAndLargerOnesRefusedWith413() {
        assertThat(http.post("/echo", new byte[64 * 1024]).json().get("bytes").asInt()).isEqualTo(65_536);
        Http.Answer tooLarge = http.post("/echo", new byte[64 * 1024 + 1]);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.json().get("error").asText()).isEqualTo("body_too_large");
    }

    @Test
    void unknownPathsAndWrongMethodsAnswerJson() {
        Http.Answer missing = http.get("/nope");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("error").asText()).isEqualTo("not_found");
        Http.Answer wrongMethod = http.get("/echo");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.json().get("error").asText()).isEqualTo("method_not_allowed");
    }

    @Test
    void aFailingRouteAnswers500AndTheServerGoesOn() {
        Http.Answer failed = http.get("/boom");
        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.json().get("error").asText()).isEqualTo("internal_error");
        assertThat(http.post("/echo?q=%E5%8F%B7&q=second", "x").json().get("q").asText()).isEqualTo("号");
    }
}

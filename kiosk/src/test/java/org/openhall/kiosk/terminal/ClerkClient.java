package org.openhall.kiosk.terminal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.openhall.kiosk.testing.Http;

/** HTTP as the clerk's page sends it: JSON bodies with a window's token as {@code Authorization: Bearer}. */
final class ClerkClient {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;
    private final String token;

    ClerkClient(int port, String token) {
        this.port = port;
        this.token = token;
    }

    Http.Answer get(String path) {
        return send(builder(path).GET());
    }

    Http.Answer post(String path, String body) {
        return send(builder(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Http.Answer delete(String path) {
        return send(builder(path).DELETE());
    }

    private HttpRequest.Builder builder(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    private static Http.Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Http.Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

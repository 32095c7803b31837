package org.openhall.kiosk.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.openhall.kiosk.testing.Http;
import org.openhall.kiosk.testing.MqttProbe;

/**
 * The actors of {@link SoakIT}: residents taking tickets and rating on the touch page, a button pressed every
 * second, hostile HTTP clients and junk commands. Every answer is counted by actor and status, so the test can
 * tell what was acknowledged (and must arrive) from what was refused.
 */
final class SoakLoad {
    private static final int MAX_HELD = 40;

    private final Http http;
    private final int port;
    private final MqttProbe hostile;
    private final String topicRoot;
    private final Random random = new Random(20261201);
    private final Set<String> tickets = ConcurrentHashMap.newKeySet();
    private final AtomicLong ratings = new AtomicLong();
    private final AtomicLong presses = new AtomicLong();
    private final AtomicLong storageRefusals = new AtomicLong();
    private final AtomicLong commandsSent = new AtomicLong();
    private final Map<String, AtomicLong> answers = new ConcurrentHashMap<>();
    private final List<String> serverErrors = Collections.synchronizedList(new ArrayList<>());
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    SoakLoad(Http http, int port, MqttProbe hostile, String topicRoot) {
        this.http = http;
        this.port = port;
        this.hostile = hostile;
        this.topicRoot = topicRoot;
    }

    void warmUp() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            ticket("A");
            rating();
            press(5);
            Thread.sleep(300);
        }
    }

    /** A ticket every half second and a touch rating every second, alternating categories. */
    void residents(long end) {
        for (int i = 0; System.currentTimeMillis() < end; i++) {
            ticket(i % 2 == 0 ? "A" : "B");
            if (i % 2 == 0) {
                rating();
            }
            pause(500);
        }
    }

    /** The window's button, once a second, alternating good and bad. */
    void presser(long end) {
        for (int i = 0; System.currentTimeMillis() < end; i++) {
            press(i % 2 == 0 ? 5 : 6);
            pause(1_000);
        }
    }

    void httpAbuse(long end) {
        for (int i = 0; System.currentTimeMillis() < end; i++) {
            try {
                abuse(i);
            } catch (IOException | UncheckedIOException e) {
                count("abuse io");
            }
            pause(40);
        }
    }

    void junkCommands(long end) {
        for (int i = 0; System.currentTimeMillis() < end; i++) {
            String name = List.of("ping", "call", "reprint", "categories", "serving", "nope", "telemetry").get(i % 7);
            try {
                hostile.publish(topicRoot + "/cmd/" + name, junk(i), false);
                commandsSent.incrementAndGet();
            } catch (RuntimeException brokerAway) {
                count("command not sent");
            }
            pause(100);
        }
    }

    JsonNode finalTicket() {
        Http.Answer a = http.post("/api/tickets", "{\"category\":\"A\"}");
        if (a.status() != 201) {
            throw new AssertionError("a ticket after the soak: " + a.status() + " " + a.body());
        }
        tickets.add(a.json().get("ticketId").asText());
        return a.json();
    }

    void closeAbusers() {
        for (Socket s : held) {
            closeQuietly(s);
        }
        held.clear();
    }

    Set<String> ticketsAcknowledged() {
        return Set.copyOf(tickets);
    }

    long ratingsAcknowledged() {
        return ratings.get();
    }

    long pressesScheduled() {
        return presses.get();
    }

    long storageRefusals() {
        return storageRefusals.get();
    }

    List<String> serverErrors() {
        return List.copyOf(serverErrors);
    }

    void report(PrintStream out) {
        out.println("answers by actor and status: " + new TreeMap<>(answers));
        out.printf("junk commands published: %d; storage refusals: %d%n", commandsSent.get(), storageRefusals.get());
    }

    private void ticket(String category) {
        Http.Answer a = answer("ticket", () -> http.post("/api/tickets", "{\"category\":\"" + category + "\"}"));
        if (a != null && a.status() == 201) {
            tickets.add(a.json().get("ticketId").asText());
        }
    }

    private void rating() {
        Http.Answer a = answer("rating", () -> http.post("/api/ratings", "{\"window\":\"1\",\"level\":\"satisfied\"}"));
        if (a != null && a.status() == 201) {
            ratings.incrementAndGet();
        }
    }

    private void press(int pin) {
        Http.Answer a = answer("press", () -> http.post("/api/sim/press?pin=" + pin + "&ms=80", "{}"));
        if (a != null && a.status() == 200) {
            presses.incrementAndGet();
        }
    }

    private Http.Answer answer(String actor, java.util.function.Supplier<Http.Answer> call) {
        try {
            Http.Answer a = call.get();
            count(actor + " " + a.status());
            if (a.status() == 503 && a.body().contains("storage_")) {
                storageRefusals.incrementAndGet();
            } else if (a.status() >= 500) {
                serverErrors.add(actor + " " + a.status() + " " + a.body());
            }
            return a;
        } catch (UncheckedIOException | IllegalStateException e) {
            count(actor + " io");
            return null;
        }
    }

    private void abuse(int i) throws IOException {
        String host = "127.0.0.1:" + port;
        switch (i % 12) {
            case 0 -> raw("text/plain", post("/api/ratings", host, "text/plain", "", "{\"window\":\"1\",\"level\":\"satisfied\"}"));
            case 1 -> raw("cross-origin", post("/api/tickets", host, "application/json", "Origin: http://evil.example\r\n", "{\"category\":\"A\"}"));
            case 2 -> raw("foreign host", post("/api/tickets", "evil.example", "application/json", "", "{\"category\":\"A\"}"));
            case 3 -> raw("trailing", post("/api/ratings", host, "application/json", "", "{\"window\":\"1\",\"level\":\"satisfied\"}x"));
            case 4 -> raw("duplicate key", post("/api/tickets", host, "application/json", "", "{\"category\":\"A\",\"category\":\"B\"}"));
            case 5 -> raw("unknown field", post("/api/tickets", host, "application/json", "", "{\"category\":\"A\",\"x\":1}"));
            case 6 -> raw("70 KB", post("/api/tickets", host, "application/json", "", "{\"category\":\"" + "A".repeat(70_000) + "\"}"));
            case 7 -> raw("bad escape", "GET /api/queue?x=%zz HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
            case 8 -> raw("garbage", "\u0001\u0002 nonsense\r\n\r\n");
            case 9 -> raw("not found", "GET /nope HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
            case 10 -> hold("GET /api/events HTTP/1.1\r\nHost: " + host + "\r\n\r\n"); // a stream never read
            default -> hold("POST /api/tickets HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 65000\r\n\r\n" + "{".repeat(1_000)); // slowloris: never finishes its body
        }
    }

    private static String post(String path, String host, String type, String extraHeaders, String body) {
        return "POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: " + type + "\r\n" + extraHeaders
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + body;
    }

    /** Sends one request on its own connection and counts the status line (or that the server closed it). */
    private void raw(String kind, String request) throws IOException {
        try (Socket s = connect()) {
            s.setSoTimeout(11_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            String status = statusLine(s.getInputStream());
            String code = status.length() >= 12 ? status.substring(9, 12) : "closed";
            count("abuse " + kind + " " + code);
            if (code.startsWith("5")) {
                serverErrors.add("abuse " + kind + " " + status);
            }
        }
    }

    /** Opens a connection that sends a part of a request and then neither sends nor reads again. */
    private void hold(String start) throws IOException {
        if (held.size() >= MAX_HELD) {
            closeQuietly(held.remove(random.nextInt(held.size())));
        }
        Socket s = new Socket();
        s.setReceiveBufferSize(1024);
        s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        s.getOutputStream().write(start.getBytes(StandardCharsets.UTF_8));
        held.add(s);
        count("abuse held");
    }

    private Socket connect() throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        return s;
    }

    private static String statusLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n' && line.length() < 200) {
            line.append((char) b);
        }
        return line.toString().strip();
    }

    /** Junk of every shape the intake must survive; one in seven is a well-formed ping. */
    private byte[] junk(int i) {
        return switch (i % 9) {
            case 0 -> "not json at all".getBytes(StandardCharsets.UTF_8);
            case 1 -> "[1,2,3]".getBytes(StandardCharsets.UTF_8);
            case 2 -> "{\"no\":\"id\"}".getBytes(StandardCharsets.UTF_8);
            case 3 -> ("{\"id\":\"soak-" + i + "\",\"issued\":\"2020-01-01T00:00:00Z\"}").getBytes(StandardCharsets.UTF_8);
            case 4 -> ("{\"id\":\"soak-" + i + "\",\"window\":\"" + "9".repeat(200) + "\"}").getBytes(StandardCharsets.UTF_8);
            case 5 -> bytes(1024);
            case 6 -> ("{\"id\":\"big-" + i + "\",\"pad\":\"" + "x".repeat(200_000) + "\"}").getBytes(StandardCharsets.UTF_8);
            case 7 -> ("{\"id\":\"soak-" + i + "\"}").getBytes(StandardCharsets.UTF_8);
            default -> ("{\"id\":\"soak-" + (i / 2) + "\"}").getBytes(StandardCharsets.UTF_8); // a repeated id
        };
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private void count(String key) {
        answers.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already gone
        }
    }
}

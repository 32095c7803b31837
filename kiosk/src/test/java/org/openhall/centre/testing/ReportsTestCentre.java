package org.openhall.centre.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.openhall.centre.accounts.Accounts;
import org.openhall.centre.accounts.PasswordHasher;
import org.openhall.centre.accounts.Role;
import org.openhall.centre.app.Centre;
import org.openhall.centre.config.CentreConfig;
import org.openhall.centre.config.CentreConfigLoader;
import org.openhall.centre.store.CentreStore;
import org.openhall.kiosk.testing.FreePort;
import org.openhall.kiosk.testing.Mosquitto;
import org.openhall.kiosk.testing.MqttProbe;
import org.openhall.kiosk.testing.TestClock;

/**
 * A whole centre for the reports tests: a real mosquitto, the centre on SQLite in a temporary data dir with the
 * 2026 holidays file, a clock the test moves, and tokens of each role. Kiosk events are published to the broker
 * as a kiosk would.
 */
public final class ReportsTestCentre implements AutoCloseable {
    public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    public final Path dir;
    public final Mosquitto broker;
    public final MqttProbe kiosks;
    public final TestClock clock;
    public final String admin;
    public final String supervisor;
    public final String viewer;
    private final CentreConfig config;
    private Centre centre;
    private final HttpClient http = HttpClient.newHttpClient();

    public ReportsTestCentre(Path dir, Instant now) throws Exception {
        this.dir = dir;
        this.clock = TestClock.ticking(now, SHANGHAI);
        this.broker = Mosquitto.start(dir.resolve("broker"));
        Path holidays = dir.resolve("holidays.txt");
        Files.copy(Path.of(ReportsTestCentre.class.getResource("/org/openhall/centre/cases/holidays-2026-cn.txt").toURI()),
                holidays);
        Path toml = dir.resolve("centre.toml");
        Files.writeString(toml, """
                [centre]
                id = "centre-reports-test"
                data_dir = "%s"
                timezone = "Asia/Shanghai"
                listen = "127.0.0.1:%d"
                [mqtt]
                servers = ["%s"]
                [followup]
                deadline_working_days = 5
                holidays_file = "%s"
                """.formatted(dir.resolve("data"), FreePort.pick(), broker.url(), holidays));
        this.config = new CentreConfigLoader(Map.of()).load(toml);
        try (CentreStore store = Centre.openStore(config)) {
            Accounts accounts = new Accounts(store, new PasswordHasher(), clock);
            admin = accounts.newToken("admin-t", Role.ADMIN);
            supervisor = accounts.newToken("zhang", Role.SUPERVISOR);
            viewer = accounts.newToken("viewer-t", Role.VIEWER);
            accounts.addUser("li", Role.SUPERVISOR, "secret-password".toCharArray());
        }
        this.kiosks = new MqttProbe(broker.url(), "kiosk/v1/none/#");
        start();
    }

    /** Starts the centre and returns once it is subscribed (events published before would be lost). */
    public void start() throws Exception {
        centre = new Centre(config, clock);
        centre.start();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> centre.health().mqttConnected());
    }

    public void restart() throws Exception {
        centre.stop();
        start();
    }

    public Centre centre() {
        return centre;
    }

    public String base() {
        return "http://127.0.0.1:" + centre.httpPort();
    }

    /** Publishes one event as kiosk {@code kiosk} of {@code site} would. */
    public void publish(String site, String kiosk, long seq, String type, Instant at, String data) {
        kiosks.publish("kiosk/v1/" + site + "/" + kiosk + "/events/" + type,
                Envelopes.json(site, kiosk, seq, java.util.UUID.randomUUID().toString(), type, at.toEpochMilli(), data));
    }

    public record Answer(int status, String contentType, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    public Answer get(String path, String token) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base() + path)).GET(), token);
    }

    public Answer post(String path, String token, String json) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), token);
    }

    private Answer send(HttpRequest.Builder request, String token) throws Exception {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<byte[]> r = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    }

    @Override
    public void close() {
        if (centre != null) {
            centre.stop();
        }
        kiosks.close();
        broker.close();
    }

}

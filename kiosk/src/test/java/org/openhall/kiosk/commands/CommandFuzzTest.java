package org.openhall.kiosk.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhall.kiosk.events.EventCodec;
import org.openhall.kiosk.json.Json;
import org.openhall.kiosk.outbox.Outbox;
import org.openhall.kiosk.storage.Database;

/**
 * Generated hostile payloads (seeded, so a failure can be replayed) thrown at the real intake over a real
 * SQLite outbox: every payload yields exactly one error result and the processor keeps working.
 */
class CommandFuzzTest {
    private static final long SEED = Long.getLong("fuzz.seed", 20261126L);
    private static final int PAYLOADS = Integer.getInteger("fuzz.count", 100_000);
    private final Json json = new Json();

    @TempDir
    Path tmp;

    private Database db;
    private Outbox outbox;
    private CommandProcessor processor;

    @BeforeEach
    void start() {
        Clock clock = Clock.system(ZoneId.of("UTC"));
        db = new Database(tmp.resolve("kiosk.db"), clock);
        db.open();
        outbox = new Outbox(db, tmp.resolve("seq.floor"), new EventCodec(json, "fuzz", "test"), json, clock, ZoneId.of("UTC"), 10_000_000);
        outbox.start();
        processor = new CommandProcessor(db, Map.of("ping", BasicHandlers.ping(), "strict", strictHandler()), json, clock);
        processor.start();
    }

    /** A handler with an argument to get wrong; it must never run with a bad one. */
    private static CommandHandler strictHandler() {
        return command -> {
            String window = new Args(command.args()).string("window", java.util.regex.Pattern.compile("^[0-9]{1,2}$"), "a window number");
            throw new AssertionError("strict ran with window " + window);
        };
    }

    @AfterEach
    void stop() {
        processor.stop();
        db.close();
    }

    @Test
    void everyHostilePayloadYieldsExactlyOneErrorResult() throws CommandNotTakenException {
        Random random = new Random(SEED);
        List<Supplier<Payload>> shapes = shapes(random);
        Map<String, Integer> sent = new TreeMap<>();
        for (int i = 0; i < PAYLOADS; i++) {
            Payload p = shapes.get(random.nextInt(shapes.size())).get();
            sent.merge(p.shape(), 1, Integer::sum);
            processor.received(p.topicName(), p.bytes());
        }
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> countResults() == PAYLOADS);
        // after the flood (during it, a ping may fairly be answered busy: the inbox holds at most 1,000)
        processor.received("ping", "{\"id\":\"final-ping\"}".getBytes(StandardCharsets.UTF_8));
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> countResults() == PAYLOADS + 1);

        Map<String, Integer> errors = errorsByWord();
        System.out.printf("fuzz seed %d: %d payloads by shape %s -> results by error %s%n", SEED, PAYLOADS, sent, errors);
        assertThat(errors.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(PAYLOADS);
        // busy only if the flood outran the processor, which depends on the machine: allowed, not required
        assertThat(errors).containsKeys("malformed", "unknown_command", "invalid_argument", "expired");
        assertThat(errors.keySet()).isSubsetOf("malformed", "unknown_command", "invalid_argument", "expired", "busy");
        // refusals are answered in batches, so the ping's result need not be the last: find it by its id
        assertThat(resultOf("final-ping").get("ok").asBoolean()).isTrue();
        assertThat(countAll()).as("nothing but results was recorded").isEqualTo(PAYLOADS + 1);
    }

    private record Payload(String shape, String topicName, byte[] bytes) {}

    private List<Supplier<Payload>> shapes(Random r) {
        int[] ids = {0};
        Supplier<String> freshId = () -> "fz-" + ids[0]++;
        List<Supplier<Payload>> shapes = new ArrayList<>();
        shapes.add(() -> {
            byte[] b = new byte[r.nextInt(300)];
            r.nextBytes(b);
            return new Payload("random-bytes", "ping", b);
        });
        shapes.add(() -> new Payload("json-scalar", "ping", utf8(List.of("1", "-0.5e9", "\"text\"", "true", "null", "\"\"", "[]", "[{}]",
                "{\"id\":null}").get(r.nextInt(9)))));
        shapes.add(() -> new Payload("object-bad-id", "ping", utf8("{\"id\":" + List.of("1", "true", "{}", "[\"a\"]", "\"\"",
                "\"" + "x".repeat(129) + "\"", "\"tab\\there\"", "\"\\u0000\"").get(r.nextInt(8)) + "}")));
        shapes.add(() -> new Payload("deep-nesting", "ping", utf8("[".repeat(5_000 + r.nextInt(5_000)))));
        shapes.add(() -> new Payload("truncated-object", "ping", utf8("{\"id\":\"" + freshId.get() + "\",\"window\":")));
        shapes.add(() -> new Payload("binary-utf8", "ping", new byte[] {(byte) 0xC3, (byte) 0x28, '{', '}'}));
        // the following have fresh ids: each one is accepted durably, then refused when executed
        shapes.add(() -> new Payload("unknown-name", "x" + r.nextInt(1_000), utf8("{\"id\":\"" + freshId.get() + "\"}")));
        shapes.add(() -> new Payload("bad-argument", "strict", utf8("{\"id\":\"" + freshId.get() + "\",\"window\":"
                + List.of("1", "\"a\"", "\"\"", "null", "[\"1\"]", "{\"w\":1}", "\"123\"").get(r.nextInt(7)) + "}")));
        shapes.add(() -> new Payload("bad-issued", "ping", utf8("{\"id\":\"" + freshId.get() + "\",\"issued\":"
                + List.of("\"2020-01-01T00:00:00Z\"", "\"2026-13-01T00:00:00Z\"", "\"soon\"", "12").get(r.nextInt(4)) + "}")));
        // weight the cheap shapes: the id'd ones cost one fsync'd commit each, as they must
        List<Supplier<Payload>> weighted = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            weighted.addAll(shapes.subList(0, 6));
        }
        weighted.addAll(shapes.subList(6, 9));
        weighted.add(() -> new Payload("oversize", "ping", new byte[64 * 1024 + 1 + r.nextInt(1_000)]));
        return weighted;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private long countResults() {
        return query("SELECT COUNT(*) FROM outbox WHERE type = 'command.result'", rs -> rs.getLong(1));
    }

    private long countAll() {
        return query("SELECT COUNT(*) FROM outbox", rs -> rs.getLong(1));
    }

    private Map<String, Integer> errorsByWord() {
        Map<String, Integer> out = new TreeMap<>();
        db.inTransaction(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT payload FROM outbox WHERE type = 'command.result'")) {
                while (rs.next()) {
                    JsonNode data = readJson(rs.getBytes(1)).get("data");
                    if (!data.get("ok").asBoolean()) {
                        out.merge(data.get("error").asText(), 1, Integer::sum);
                    }
                }
            }
            return null;
        });
        return out;
    }

    private JsonNode resultOf(String commandId) {
        return db.inTransaction(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT payload FROM outbox WHERE type = 'command.result'")) {
                while (rs.next()) {
                    JsonNode data = readJson(rs.getBytes(1)).get("data");
                    if (commandId.equals(data.path("command").asText(null))) {
                        return data;
                    }
                }
            }
            throw new AssertionError("no result for " + commandId);
        });
    }

    private JsonNode readJson(byte[] bytes) {
        try {
            return json.readTree(bytes);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private <T> T query(String sql, SqlRow<T> row) {
        return db.inTransaction(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return row.read(rs);
            }
        });
    }

    private interface SqlRow<T> {
        T read(ResultSet rs) throws java.sql.SQLException;
    }
}

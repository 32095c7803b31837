package org.openhall.kiosk.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhall.kiosk.events.EventCodec;
import org.openhall.kiosk.json.Json;
import org.openhall.kiosk.outbox.Outbox;
import org.openhall.kiosk.storage.Database;
import org.openhall.kiosk.testing.TestClock;

/** The bounds on commands, over the real intake, processor and SQLite outbox. */
class CommandLimitsTest {
    private static final ZoneId UTC = ZoneId.of("UTC");
    private final Json json = new Json();
    private final TestClock clock = TestClock.ticking(Instant.parse("2026-03-08T01:00:00Z"), UTC);
    private final AtomicLong nanos = new AtomicLong();
    private final CountDownLatch holding = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger printed = new AtomicInteger();

    @TempDir
    Path tmp;

    private Database db;
    private Outbox outbox;
    private CommandProcessor processor;

    @BeforeEach
    void start() {
        db = new Database(tmp.resolve("kiosk.db"), clock);
        db.open();
        outbox = new Outbox(db, tmp.resolve("seq.floor"), new EventCodec(json, "limits", "test"), json, clock, UTC, 10_000_000);
        outbox.start();
        processor = new CommandProcessor(db, Map.of("ping", BasicHandlers.ping(), "hold", holdHandler(),
                "print-test", printHandler()), json, clock, nanos::get);
        processor.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        processor.stop();
        db.close();
    }

    @Test
    void beyondAThousandWaitingCommandsTheNextAreBusyAndMaySendAgain() throws Exception {
        send("hold", "{\"id\":\"hold-1\"}");
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 1_100; i++) {
            send("ping", "{\"id\":\"p-" + i + "\"}");
        }
        assertThat(waiting()).isEqualTo(1_000);

        release.countDown(); // the refusals are answered by the same thread, after the command in hand
        awaitResults(1 + 1_100);
        assertThat(errors()).containsExactly("busy:101");
        assertThat(resultOf("p-998").get("ok").asBoolean()).isTrue();
        assertThat(resultOf("p-999").get("error").asText()).isEqualTo("busy");
        assertThat(resultOf("p-1099").get("error").asText()).isEqualTo("busy");
        send("ping", "{\"id\":\"p-1099\"}");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> resultsFor("p-1099").size() == 2);
        assertThat(resultsFor("p-1099")).extracting(r -> r.get("ok").asBoolean()).containsExactly(false, true);
    }

    @Test
    void printingCommandsRunAtMostTenAMinuteOnTheMonotonicClock() throws Exception {
        for (int i = 0; i < 12; i++) {
            send("print-test", "{\"id\":\"t-" + i + "\"}");
        }
        awaitResults(12);
        assertThat(printed).hasValue(10);
        assertThat(resultOf("t-10").get("error").asText()).isEqualTo("rate_limited");
        assertThat(resultOf("t-11").get("error").asText()).isEqualTo("rate_limited");

        clock.jump(Duration.ofHours(2)); // the wall clock does not open the window
        send("print-test", "{\"id\":\"t-12\"}");
        awaitResults(13);
        assertThat(resultOf("t-12").get("error").asText()).isEqualTo("rate_limited");

        nanos.addAndGet(TimeUnit.SECONDS.toNanos(60));
        send("print-test", "{\"id\":\"t-13\",\"issued\":\"" + clock.instant() + "\"}");
        awaitResults(14);
        assertThat(resultOf("t-13").get("ok").asBoolean()).isTrue();
        assertThat(printed).hasValue(11);
    }

    @Test
    void aCommandIssuedInTheKiosksFutureRunsAndOnlyAnOldOneExpires() throws Exception {
        Instant now = clock.instant();
        send("ping", "{\"id\":\"future\",\"issued\":\"" + now.plus(Duration.ofDays(3)) + "\"}");
        send("ping", "{\"id\":\"recent\",\"issued\":\"" + now.minus(Duration.ofMinutes(9)) + "\"}");
        send("ping", "{\"id\":\"old\",\"issued\":\"" + now.minus(Duration.ofMinutes(11)) + "\"}");
        awaitResults(3);
        assertThat(resultOf("future").get("ok").asBoolean()).isTrue();
        assertThat(resultOf("recent").get("ok").asBoolean()).isTrue();
        assertThat(resultOf("old").get("error").asText()).isEqualTo("expired");
    }

    @Test
    void seenIdsArePrunedByAgeEvenWhenFewCommandsCome() throws Exception {
        send("ping", "{\"id\":\"first\"}");
        send("ping", "{\"id\":\"second\"}");
        awaitResults(2);
        assertThat(seenIds()).isEqualTo(2);
        send("ping", "{\"id\":\"first\"}");
        Thread.sleep(300);
        assertThat(resultsFor("first")).as("a repeated id is not executed again").hasSize(1);

        clock.jump(Duration.ofDays(8));
        send("ping", "{\"id\":\"third\"}");
        awaitResults(3);
        assertThat(seenIds()).as("ids older than 7 days are forgotten at the next command").isEqualTo(1);
    }

    @Test
    void anOversizedPayloadIsAnsweredMalformedWithTheIdFoundInItsHead() throws Exception {
        processor.oversized("ping", 60_000_000, "{\"id\":\"big\",\"junk\":\"xxxxxxxxxx".getBytes(StandardCharsets.UTF_8));
        processor.oversized("ping", 70_000, "{\"junk\":\"xxxxxxxxxxxxxxxxxx".getBytes(StandardCharsets.UTF_8));
        processor.oversized("ping", 70_000, "{\"id\":\"tab\\tin id\"}".getBytes(StandardCharsets.UTF_8));
        awaitResults(3);
        JsonNode big = resultOf("big");
        assertThat(big.get("error").asText()).isEqualTo("malformed");
        assertThat(big.get("message").asText()).isEqualTo("payload of 60000000 bytes is over the 64 KiB limit");
        assertThat(errors()).containsExactly("malformed:3");
        assertThat(LeadingId.find("{\"a\":{\"id\":\"inner\"},\"id\":\"outer\"".getBytes(StandardCharsets.UTF_8))).isEqualTo("outer");
        assertThat(LeadingId.find("{\"id\":\"cut-of".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(LeadingId.find("[\"id\"]".getBytes(StandardCharsets.UTF_8))).isNull();
    }

    private CommandHandler holdHandler() {
        return new CommandHandler() {
            @Override
            public JsonNode execute(Command command) throws CommandException {
                holding.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return JsonNodeFactory.instance.objectNode();
            }

            @Override
            public boolean transactional() {
                return false;
            }
        };
    }

    private CommandHandler printHandler() {
        return new CommandHandler() {
            @Override
            public JsonNode execute(Command command) {
                printed.incrementAndGet();
                return JsonNodeFactory.instance.objectNode().put("printed", true);
            }

            @Override
            public boolean transactional() {
                return false;
            }

            @Override
            public boolean prints() {
                return true;
            }
        };
    }

    private void send(String name, String payload) throws CommandNotTakenException {
        processor.received(name, payload.getBytes(StandardCharsets.UTF_8));
    }

    private void awaitResults(int n) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> results().size() >= n);
        assertThat(results()).hasSize(n);
    }

    private List<String> errors() {
        Map<String, Long> byError = new java.util.TreeMap<>();
        results().stream().filter(r -> !r.get("ok").asBoolean()).forEach(r -> byError.merge(r.get("error").asText(), 1L, Long::sum));
        return byError.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).toList();
    }

    private JsonNode resultOf(String id) {
        List<JsonNode> found = resultsFor(id);
        return found.isEmpty() ? null : found.getFirst();
    }

    private List<JsonNode> resultsFor(String id) {
        return results().stream().filter(r -> id.equals(r.path("command").asText(null))).toList();
    }

    private List<JsonNode> results() {
        return db.inTransaction(c -> {
            List<JsonNode> out = new ArrayList<>();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT payload FROM outbox WHERE type = 'command.result' ORDER BY seq")) {
                while (rs.next()) {
                    out.add(json.readTree(rs.getBytes(1)).get("data"));
                }
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
            return out;
        });
    }

    private long waiting() {
        return db.inTransaction(CommandStore::waiting);
    }

    private long seenIds() {
        return db.inTransaction(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM command_seen")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}

package org.openhall.centre.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openhall.centre.store.CentreStore;
import org.openhall.centre.store.Envelope;
import org.openhall.centre.store.IngestOutcome;
import org.openhall.centre.store.KioskId;
import org.openhall.centre.store.SentCommand;

/**
 * Sends commands to kiosks and correlates their {@code command.result} by the command's id. The result is
 * recorded in the store, so an instance that did not receive it (shared group) finds it there.
 */
public final class CommandDesk {
    public static final Set<String> NAMES = Set.of("call", "recall", "reprint", "serving", "categories", "telemetry",
            "print-test", "ping", "workers");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    private final CentreStore store;
    private final CommandPublisher publisher;
    private final Clock clock;
    private final ZoneId zone;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, CompletableFuture<String>> pending = new ConcurrentHashMap<>();

    public CommandDesk(CentreStore store, CommandPublisher publisher, Clock clock, ZoneId zone) {
        this.store = store;
        this.publisher = publisher;
        this.clock = clock;
        this.zone = zone;
    }

    /** The outcome of a send: the result data (JSON) when it came in time, else only the id. */
    public record Sent(String id, Optional<String> result) {}

    /**
     * Publishes command {@code name} with {@code arguments} (a new id, issued now) and waits up to {@code wait}
     * for its result.
     */
    public Sent send(KioskId kiosk, String name, ObjectNode arguments, Duration wait)
            throws CommandPublisher.PublishException, InterruptedException {
        String id = UUID.randomUUID().toString();
        ObjectNode payload = arguments.deepCopy();
        payload.put("id", id);
        payload.put("issued", TIME.format(OffsetDateTime.ofInstant(clock.instant(), zone)));
        CompletableFuture<String> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            store.commandSent(new SentCommand(id, kiosk, name, clock.millis(), null));
            publisher.publish(publisher.commandTopic(kiosk.site(), kiosk.kiosk(), name),
                    payload.toString().getBytes(StandardCharsets.UTF_8));
            return new Sent(id, await(id, answer, wait));
        } finally {
            pending.remove(id);
        }
    }

    private Optional<String> await(String id, CompletableFuture<String> answer, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            try {
                return Optional.of(answer.get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(500)), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                Optional<String> stored = store.command(id).map(SentCommand::resultJson);
                if (stored.isPresent()) {
                    return stored;
                }
            } catch (ExecutionException e) {
                return Optional.empty();
            }
        }
    }

    /** Commit listener: records and hands over every stored {@code command.result} answering a command of ours. */
    public void committed(IngestOutcome outcome) {
        for (Envelope e : outcome.stored()) {
            if (!"command.result".equals(e.type())) {
                continue;
            }
            JsonNode data = data(e);
            JsonNode command = data.path("command");
            if (!command.isTextual()) {
                continue;
            }
            String result = data.toString();
            store.commandResult(command.asText(), result, clock.millis());
            CompletableFuture<String> waiting = pending.get(command.asText());
            if (waiting != null) {
                waiting.complete(result);
            }
        }
    }

    private JsonNode data(Envelope e) {
        try {
            return e.data(json);
        } catch (IOException ex) {
            return json.missingNode();
        }
    }
}

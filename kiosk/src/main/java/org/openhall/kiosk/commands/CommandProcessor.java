package org.openhall.kiosk.commands;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.openhall.kiosk.events.EventType;
import org.openhall.kiosk.json.Json;
import org.openhall.kiosk.refusals.Refusal;
import org.openhall.kiosk.refusals.RefusedException;
import org.openhall.kiosk.storage.Database;
import org.openhall.kiosk.work.Worker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out commands: {@link CommandIntake} takes them on the transport's thread into the durable inbox;
 * one "commands" thread then executes the inbox in order of arrival, each command yielding exactly one
 * {@code command.result}, and answers the payloads the intake refused in batches. A repeated id is neither
 * executed nor answered again.
 */
public final class CommandProcessor implements CommandSink {
    private static final Logger log = LoggerFactory.getLogger(CommandProcessor.class);
    static final Duration MAX_AGE = Duration.ofMinutes(10);
    /** Printing commands (paper) allowed per minute; more are refused {@code rate_limited}. */
    static final int PRINTS_PER_MINUTE = 10;
    private static final int REJECT_BATCH = 500;

    private final Database database;
    private final Map<String, CommandHandler> handlers;
    private final Json json;
    private final Clock clock;
    private final CommandIntake intake;
    private static final long IDLE_MS = 30_000;
    private final Worker worker = new Worker("commands", this::round);
    private final LogBudget refusalLines;
    private final RateLimit prints;
    private boolean interruptedAnswered;

    public CommandProcessor(Database database, Map<String, CommandHandler> handlers, Json json, Clock clock) {
        this(database, handlers, json, clock, System::nanoTime);
    }

    /** @param nanoTime a monotonic clock for the printing rate limit */
    CommandProcessor(Database database, Map<String, CommandHandler> handlers, Json json, Clock clock, LongSupplier nanoTime) {
        this.prints = new RateLimit(PRINTS_PER_MINUTE, TimeUnit.MINUTES.toNanos(1), nanoTime);
        this.database = database;
        this.handlers = Map.copyOf(handlers);
        this.json = json;
        this.clock = clock;
        this.refusalLines = new LogBudget(clock, 20, "refused commands");
        this.intake = new CommandIntake(database, json, clock, this::wake);
    }

    public void start() {
        database.migrate(CommandStore.SCHEMA);
        database.salvage(CommandStore.SCHEMA);
        intake.prune();
        worker.start();
    }

    /** True while the command thread runs (the systemd watchdog asks). */
    public boolean alive() {
        return worker.alive();
    }

    public void stop() {
        worker.stop(5_000);
        try {
            answerRejected();
        } catch (RuntimeException e) {
            log.warn("refused commands not answered at stop: {}", e.toString());
        }
    }

    public long duplicates() {
        return intake.duplicates();
    }

    @Override
    public void received(String name, byte[] payload) throws CommandNotTakenException {
        intake.received(name, payload);
    }

    @Override
    public void oversized(String name, long size, byte[] head) {
        intake.oversized(name, size, head);
    }

    private void wake() {
        worker.wake();
    }

    /** One round of the command thread; a storage failure throws out of it and is retried with backoff. */
    private long round() {
        if (!interruptedAnswered) {
            failInterrupted();
            interruptedAnswered = true;
        }
        // refusals first, so results stay close to the order in which their payloads arrived
        if (answerRejected() || executeNext()) {
            return 0;
        }
        return IDLE_MS;
    }

    private boolean answerRejected() {
        List<CommandIntake.Rejected> batch = new ArrayList<>();
        intake.drainRejected(batch, REJECT_BATCH);
        if (batch.isEmpty()) {
            return false;
        }
        database.transaction(tx -> {
            for (CommandIntake.Rejected r : batch) {
                tx.append(EventType.COMMAND_RESULT, failure(r.id(), r.name(), r.error(), r.message()));
            }
            return null;
        });
        return true;
    }

    /** A command that was printing when the daemon died is not repeated: it is answered as interrupted. */
    private void failInterrupted() {
        CommandStore.Pending p;
        while ((p = database.inTransaction(CommandStore::next)) != null && p.started()) {
            CommandStore.Pending interrupted = p;
            database.transaction(tx -> {
                tx.append(EventType.COMMAND_RESULT, failure(interrupted.id(), interrupted.name(), Refusal.INTERRUPTED.word(),
                        "the daemon stopped while this command ran; it was not repeated"));
                CommandStore.remove(tx.connection(), interrupted.pos());
                return null;
            });
        }
    }

    private boolean executeNext() {
        CommandStore.Pending p = database.inTransaction(CommandStore::next);
        if (p == null) {
            return false;
        }
        Command command;
        CommandHandler handler = handlers.get(p.name());
        try {
            command = parse(p);
            if (handler == null) {
                throw new CommandException(Refusal.UNKNOWN_COMMAND, "no command named \"" + p.name() + "\"");
            }
            checkFresh(command);
            if (handler.prints() && !prints.tryStart()) {
                throw new CommandException(Refusal.RATE_LIMITED, "at most " + PRINTS_PER_MINUTE + " printing commands a minute");
            }
        } catch (CommandException e) {
            finish(p, failure(p.id(), p.name(), e.code(), e.getMessage()));
            return true;
        }
        if (handler.transactional()) {
            executeAtomically(p, command, handler);
        } else {
            executeOutside(p, command, handler);
        }
        return true;
    }

    private void executeAtomically(CommandStore.Pending p, Command command, CommandHandler handler) {
        try {
            database.transaction(tx -> {
                JsonNode result = handler.execute(command);
                tx.append(EventType.COMMAND_RESULT, success(p.id(), p.name(), result));
                CommandStore.remove(tx.connection(), p.pos());
                return null;
            });
            log.info("command {} {} done", p.name(), p.id());
        } catch (RefusedException e) {
            // whatever the handler changed was rolled back with the transaction
            finish(p, failure(p.id(), p.name(), e.code(), e.getMessage()));
        } catch (RuntimeException e) {
            log.error("command {} {} failed: {}", p.name(), p.id(), e.toString());
            finish(p, failure(p.id(), p.name(), Refusal.INTERNAL_ERROR.word(), e.getClass().getSimpleName()));
        }
    }

    private void executeOutside(CommandStore.Pending p, Command command, CommandHandler handler) {
        database.inTransaction(c -> {
            CommandStore.markStarted(c, p.pos());
            return null;
        });
        ObjectNode outcome;
        try {
            outcome = success(p.id(), p.name(), handler.execute(command));
            log.info("command {} {} done", p.name(), p.id());
        } catch (RefusedException e) {
            outcome = failure(p.id(), p.name(), e.code(), e.getMessage());
        } catch (RuntimeException e) {
            log.error("command {} {} failed: {}", p.name(), p.id(), e.toString());
            outcome = failure(p.id(), p.name(), Refusal.INTERNAL_ERROR.word(), e.getClass().getSimpleName());
        }
        finish(p, outcome);
    }

    private void finish(CommandStore.Pending p, ObjectNode outcome) {
        database.transaction(tx -> {
            tx.append(EventType.COMMAND_RESULT, outcome);
            CommandStore.remove(tx.connection(), p.pos());
            return null;
        });
        if (!outcome.path("ok").asBoolean()) {
            if (refusalLines.allow(log)) {
                log.info("command {} {} refused: {}", p.name(), p.id(), outcome.path("error").asText());
            }
        }
    }

    private Command parse(CommandStore.Pending p) throws CommandException {
        ObjectNode args;
        try {
            args = (ObjectNode) json.readTree(p.payload());
        } catch (JsonProcessingException | ClassCastException e) {
            throw new CommandException(Refusal.MALFORMED, "not a JSON object");
        } catch (IOException e) {
            throw new CommandException(Refusal.MALFORMED, "unreadable");
        }
        Instant issued = null;
        JsonNode issuedNode = args.get("issued");
        if (issuedNode != null && !issuedNode.isNull()) {
            try {
                issued = OffsetDateTime.parse(issuedNode.asText()).toInstant();
            } catch (DateTimeParseException e) {
                throw CommandException.invalid("issued", "an ISO-8601 time with offset, e.g. 2026-03-08T09:15:02+08:00");
            }
        }
        return new Command(p.id(), p.name(), issued, args);
    }

    /** Only a command issued long ago is stale; one "from the future" runs, since the kiosk's clock may be behind. */
    private void checkFresh(Command command) throws CommandException {
        if (command.issued() == null) {
            return;
        }
        Duration age = Duration.between(command.issued(), clock.instant());
        if (age.compareTo(MAX_AGE) > 0) {
            throw new CommandException(Refusal.EXPIRED, "issued " + age.toMinutes() + " minutes ago (limit 10)");
        }
    }

    private ObjectNode success(String id, String name, JsonNode result) {
        ObjectNode data = json.createObjectNode();
        data.put("command", id);
        data.put("name", name);
        data.put("ok", true);
        data.set("result", result == null ? json.createObjectNode() : result);
        return data;
    }

    private ObjectNode failure(String id, String name, String error, String message) {
        ObjectNode data = json.createObjectNode();
        if (id == null) {
            data.putNull("command");
        } else {
            data.put("command", id);
        }
        data.put("name", name);
        data.put("ok", false);
        data.put("error", error);
        data.put("message", message);
        return data;
    }
}

package org.openhall.kiosk.commands;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.openhall.kiosk.events.EventType;
import org.openhall.kiosk.outbox.Database;
import org.openhall.kiosk.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Command intake and execution. {@link #received} runs on the transport's thread and only checks the shape:
 * a well-formed command with a new id is committed to the inbox before the broker gets its PUBACK, so an
 * acknowledged command survives a crash; a rejected payload is queued for a batched error result. One
 * "commands" thread then carries the inbox out in order of arrival, each command yielding exactly one
 * {@code command.result}. A repeated id is neither executed nor answered again.
 */
public final class CommandProcessor implements CommandSink {
    private static final Logger log = LoggerFactory.getLogger(CommandProcessor.class);
    public static final int MAX_PAYLOAD = 64 * 1024;
    static final Duration MAX_SKEW = Duration.ofMinutes(10);
    private static final Pattern ID = Pattern.compile("^[\\x21-\\x7e]{1,128}$");
    private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9-]{0,31}$");
    private static final int REJECT_BATCH = 500;

    private final Outbox outbox;
    private final Database database;
    private final Map<String, CommandHandler> handlers;
    private final ObjectMapper json;
    private final Clock clock;
    private final BlockingQueue<Rejected> rejected = new ArrayBlockingQueue<>(2_000);
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final LogBudget refusalLines;
    private final LogBudget duplicateLines;
    private boolean pending = true;
    private volatile boolean running;
    private Thread thread;

    private record Rejected(String id, String name, String error, String message) {}

    public CommandProcessor(Outbox outbox, Database database, Map<String, CommandHandler> handlers, ObjectMapper json, Clock clock) {
        this.outbox = outbox;
        this.database = database;
        this.handlers = Map.copyOf(handlers);
        this.json = json;
        this.clock = clock;
        this.refusalLines = new LogBudget(clock, 20, "refused commands");
        this.duplicateLines = new LogBudget(clock, 20, "repeated command ids");
    }

    public void start() {
        database.migrate(CommandStore.SCHEMA);
        running = true;
        thread = Thread.ofPlatform().name("commands").start(this::loop);
    }

    /** True while the loop thread runs (the systemd watchdog asks). */
    public boolean alive() {
        Thread t = thread;
        return t != null && t.isAlive();
    }

    public void stop() {
        running = false;
        wake();
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public long duplicates() {
        return duplicates.get();
    }

    @Override
    public void received(String name, byte[] payload) {
        if (payload.length > MAX_PAYLOAD) {
            reject(null, name, "malformed", "payload of " + payload.length + " bytes is over the 64 KiB limit");
            return;
        }
        JsonNode root;
        try {
            root = json.readTree(payload);
        } catch (IOException e) {
            reject(null, name, "malformed", "not JSON");
            return;
        }
        if (root == null || !root.isObject()) {
            reject(null, name, "malformed", "not a JSON object");
            return;
        }
        JsonNode id = root.get("id");
        if (id == null || !id.isTextual() || !ID.matcher(id.asText()).matches()) {
            reject(null, name, "malformed", "no id: a string of 1 to 128 printable characters is required");
            return;
        }
        boolean fresh = outbox.transaction(tx -> {
            long now = clock.millis();
            if (!CommandStore.remember(tx.connection(), id.asText(), now)) {
                return false;
            }
            if (accepted.incrementAndGet() % 100 == 0) {
                CommandStore.prune(tx.connection(), now);
            }
            CommandStore.enqueue(tx.connection(), id.asText(), safeName(name), payload);
            return true;
        });
        if (fresh) {
            wake();
        } else {
            duplicates.incrementAndGet();
            if (duplicateLines.allow(log)) {
                log.info("command {} ({}) seen before: not executed again", id.asText(), safeName(name));
            }
        }
    }

    private void reject(String id, String name, String error, String message) {
        try {
            // back-pressure: a flood of garbage slows the broker's delivery instead of filling the heap
            rejected.put(new Rejected(id, safeName(name), error, message));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        wake();
    }

    private static String safeName(String name) {
        return name.length() > 64 ? name.substring(0, 64) : name;
    }

    private void wake() {
        lock.lock();
        try {
            pending = true;
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        failInterrupted();
        while (running) {
            try {
                boolean did = answerRejected();
                did |= executeNext();
                if (!did) {
                    awaitWork();
                }
            } catch (RuntimeException e) {
                log.error("command processing failed: {}; retrying in 1 s", e.toString());
                sleep(1_000);
            }
        }
        answerRejected();
    }

    private void awaitWork() {
        lock.lock();
        try {
            if (!pending && running) {
                work.await(30, TimeUnit.SECONDS);
            }
            pending = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    private boolean answerRejected() {
        List<Rejected> batch = new ArrayList<>();
        rejected.drainTo(batch, REJECT_BATCH);
        if (batch.isEmpty()) {
            return false;
        }
        outbox.transaction(tx -> {
            for (Rejected r : batch) {
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
            outbox.transaction(tx -> {
                tx.append(EventType.COMMAND_RESULT, failure(interrupted.id(), interrupted.name(), "interrupted",
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
                throw new CommandException("unknown_command", "no command named \"" + p.name() + "\"");
            }
            checkFresh(command);
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
            outbox.transaction(tx -> {
                JsonNode result;
                try {
                    result = handler.execute(command);
                } catch (CommandException e) {
                    throw new Refused(e);
                }
                tx.append(EventType.COMMAND_RESULT, success(p.id(), p.name(), result));
                CommandStore.remove(tx.connection(), p.pos());
                return null;
            });
            log.info("command {} {} done", p.name(), p.id());
        } catch (Refused r) {
            finish(p, failure(p.id(), p.name(), r.refusal.code(), r.refusal.getMessage()));
        } catch (RuntimeException e) {
            log.error("command {} {} failed: {}", p.name(), p.id(), e.toString());
            finish(p, failure(p.id(), p.name(), "internal_error", e.getClass().getSimpleName()));
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
        } catch (CommandException e) {
            outcome = failure(p.id(), p.name(), e.code(), e.getMessage());
        } catch (RuntimeException e) {
            log.error("command {} {} failed: {}", p.name(), p.id(), e.toString());
            outcome = failure(p.id(), p.name(), "internal_error", e.getClass().getSimpleName());
        }
        finish(p, outcome);
    }

    private void finish(CommandStore.Pending p, ObjectNode outcome) {
        outbox.transaction(tx -> {
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
            throw new CommandException("malformed", "not a JSON object");
        } catch (IOException e) {
            throw new CommandException("malformed", "unreadable");
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

    private void checkFresh(Command command) throws CommandException {
        if (command.issued() == null) {
            return;
        }
        Duration age = Duration.between(command.issued(), clock.instant());
        if (age.compareTo(MAX_SKEW) > 0) {
            throw new CommandException("expired", "issued " + age.toMinutes() + " minutes ago (limit 10)");
        }
        if (age.negated().compareTo(MAX_SKEW) > 0) {
            throw new CommandException("expired", "issued " + age.negated().toMinutes() + " minutes in the future (limit 10)");
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

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Carries a refusal out of the transaction so that whatever the handler changed is rolled back. */
    private static final class Refused extends RuntimeException {
        private final CommandException refusal;

        Refused(CommandException refusal) {
            super(refusal.getMessage(), null, false, false);
            this.refusal = refusal;
        }
    }
}

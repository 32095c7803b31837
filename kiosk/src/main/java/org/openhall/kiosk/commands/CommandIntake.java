package org.openhall.kiosk.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.util.Collection;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.openhall.kiosk.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transport's side of the commands: runs on Paho's thread and only checks the shape. A well-formed command
 * with a new id is committed to the inbox (with its id) before the broker gets its PUBACK, so an acknowledged
 * command survives a crash; a rejected payload is queued for a batched error result; a repeated id is dropped.
 */
final class CommandIntake implements CommandSink {
    private static final Logger log = LoggerFactory.getLogger(CommandIntake.class);
    static final int MAX_PAYLOAD = 64 * 1024;
    private static final Pattern ID = Pattern.compile("^[\\x21-\\x7e]{1,128}$");

    /** A payload refused at intake, answered later in a batch. */
    record Rejected(String id, String name, String error, String message) {}

    private final Database database;
    private final ObjectMapper json;
    private final Clock clock;
    private final Runnable wake;
    private final BlockingQueue<Rejected> rejected = new ArrayBlockingQueue<>(2_000);
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final LogBudget duplicateLines;

    CommandIntake(Database database, ObjectMapper json, Clock clock, Runnable wake) {
        this.database = database;
        this.json = json;
        this.clock = clock;
        this.wake = wake;
        this.duplicateLines = new LogBudget(clock, 20, "repeated command ids");
    }

    long duplicates() {
        return duplicates.get();
    }

    /** Moves up to {@code max} rejected payloads into {@code batch}. */
    void drainRejected(Collection<Rejected> batch, int max) {
        rejected.drainTo(batch, max);
    }

    @Override
    public void received(String name, byte[] payload) {
        if (payload.length > MAX_PAYLOAD) {
            reject(name, "payload of " + payload.length + " bytes is over the 64 KiB limit");
            return;
        }
        JsonNode root;
        try {
            root = json.readTree(payload);
        } catch (IOException e) {
            reject(name, "not JSON");
            return;
        }
        if (root == null || !root.isObject()) {
            reject(name, "not a JSON object");
            return;
        }
        JsonNode id = root.get("id");
        if (id == null || !id.isTextual() || !ID.matcher(id.asText()).matches()) {
            reject(name, "no id: a string of 1 to 128 printable characters is required");
            return;
        }
        accept(id.asText(), safeName(name), payload);
    }

    private void accept(String id, String name, byte[] payload) {
        boolean fresh = database.transaction(tx -> {
            long now = clock.millis();
            if (!CommandStore.remember(tx.connection(), id, now)) {
                return false;
            }
            if (accepted.incrementAndGet() % 100 == 0) {
                CommandStore.prune(tx.connection(), now);
            }
            CommandStore.enqueue(tx.connection(), id, name, payload);
            return true;
        });
        if (fresh) {
            wake.run();
        } else {
            duplicates.incrementAndGet();
            if (duplicateLines.allow(log)) {
                log.info("command {} ({}) seen before: not executed again", id, name);
            }
        }
    }

    private void reject(String name, String message) {
        try {
            // back-pressure: a flood of garbage slows the broker's delivery instead of filling the heap
            rejected.put(new Rejected(null, safeName(name), "malformed", message));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        wake.run();
    }

    private static String safeName(String name) {
        return name.length() > 64 ? name.substring(0, 64) : name;
    }
}

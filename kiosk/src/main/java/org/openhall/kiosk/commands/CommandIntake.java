package org.openhall.kiosk.commands;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.util.Collection;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.openhall.kiosk.json.Json;
import org.openhall.kiosk.refusals.Refusal;
import org.openhall.kiosk.storage.Database;
import org.openhall.kiosk.storage.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transport's side of the commands: runs on Paho's thread and only checks the shape. A well-formed command
 * with a new id is committed to the inbox (with its id) before the broker gets its PUBACK, so an acknowledged
 * command survives a crash; a rejected payload is queued for a batched error result; a repeated id is dropped.
 * When the inbox already holds {@link #MAX_WAITING} commands, a new one is answered {@code busy} (and not
 * remembered, so it may be sent again). When the database fails, the command is not taken: after a few quick
 * retries {@link CommandNotTakenException} tells the transport not to acknowledge it.
 */
final class CommandIntake implements CommandSink {
    private static final Logger log = LoggerFactory.getLogger(CommandIntake.class);
    static final int MAX_WAITING = 1_000;
    private static final Pattern ID = Pattern.compile("^[\\x21-\\x7e]{1,128}$");
    /** Waits before the retries of a failed commit: a lock held for a moment passes, a broken disk does not. */
    private static final long[] RETRY_MS = {1_000};
    /** Ids are also pruned by age at least this often, however few commands come. */
    private static final long PRUNE_EVERY_MS = 3_600_000;

    private enum Taken { ACCEPTED, DUPLICATE, BUSY }

    /** A payload refused at intake, answered later in a batch. */
    record Rejected(String id, String name, String error, String message) {}

    private final Database database;
    private final Json json;
    private final Clock clock;
    private final Runnable wake;
    private final BlockingQueue<Rejected> rejected = new ArrayBlockingQueue<>(2_000);
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final LogBudget duplicateLines;
    private volatile long lastPruneMs;

    CommandIntake(Database database, Json json, Clock clock, Runnable wake) {
        this.database = database;
        this.json = json;
        this.clock = clock;
        this.wake = wake;
        this.duplicateLines = new LogBudget(clock, 20, "repeated command ids");
    }

    /** Forgets ids older than {@link CommandStore#KEEP_MS} and all but the newest {@link CommandStore#KEEP_IDS}. */
    void prune() {
        long now = clock.millis();
        database.transaction(tx -> {
            CommandStore.prune(tx.connection(), now);
            return null;
        });
        lastPruneMs = now;
    }

    long duplicates() {
        return duplicates.get();
    }

    /** Moves up to {@code max} rejected payloads into {@code batch}. */
    void drainRejected(Collection<Rejected> batch, int max) {
        rejected.drainTo(batch, max);
    }

    @Override
    public void oversized(String name, long size, byte[] head) {
        String id = LeadingId.find(head);
        refuse(id != null && ID.matcher(id).matches() ? id : null, name, Refusal.MALFORMED.word(), tooLarge(size));
    }

    private static String tooLarge(long size) {
        return "payload of " + size + " bytes is over the " + MAX_PAYLOAD / 1024 + " KiB limit";
    }

    @Override
    public void received(String name, byte[] payload) throws CommandNotTakenException {
        if (payload.length > MAX_PAYLOAD) {
            // the transport normally hands over only the head of such a payload (see oversized)
            oversized(name, payload.length, java.util.Arrays.copyOf(payload, 4096));
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

    private void accept(String id, String name, byte[] payload) throws CommandNotTakenException {
        switch (commit(id, name, payload)) {
            case ACCEPTED -> wake.run();
            case BUSY -> refuse(id, name, Refusal.BUSY.word(), MAX_WAITING + " commands are waiting to run; send it again later");
            case DUPLICATE -> {
                duplicates.incrementAndGet();
                if (duplicateLines.allow(log)) {
                    log.info("command {} ({}) seen before: not executed again", id, name);
                }
            }
        }
    }

    private Taken commit(String id, String name, byte[] payload) throws CommandNotTakenException {
        for (int attempt = 0; ; attempt++) {
            try {
                return database.transaction(tx -> {
                    if (CommandStore.waiting(tx.connection()) >= MAX_WAITING) {
                        return CommandStore.seen(tx.connection(), id) ? Taken.DUPLICATE : Taken.BUSY;
                    }
                    long now = clock.millis();
                    if (!CommandStore.remember(tx.connection(), id, now)) {
                        return Taken.DUPLICATE;
                    }
                    if (accepted.incrementAndGet() % 100 == 0 || Math.abs(now - lastPruneMs) >= PRUNE_EVERY_MS) {
                        CommandStore.prune(tx.connection(), now);
                        lastPruneMs = now;
                    }
                    CommandStore.enqueue(tx.connection(), id, name, payload);
                    return Taken.ACCEPTED;
                });
            } catch (StorageException e) {
                if (attempt == RETRY_MS.length) {
                    throw new CommandNotTakenException("command " + id + " not stored: " + e.getMessage(), e);
                }
                sleep(RETRY_MS[attempt]);
            }
        }
    }

    private void reject(String name, String message) {
        refuse(null, name, Refusal.MALFORMED.word(), message);
    }

    private void refuse(String id, String name, String error, String message) {
        try {
            // back-pressure: a flood of garbage slows the broker's delivery instead of filling the heap
            rejected.put(new Rejected(id, safeName(name), error, message));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        wake.run();
    }

    private static void sleep(long ms) throws CommandNotTakenException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandNotTakenException("interrupted", e);
        }
    }

    private static String safeName(String name) {
        return name.length() > 64 ? name.substring(0, 64) : name;
    }
}

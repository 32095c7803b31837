package org.openhall.centre.store;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The centre's storage port. Two adapters behind it ({@link StoreFactory}): SQLite in {@code data_dir}
 * and PostgreSQL; one contract test holds both to the same behaviour. Every method is one transaction.
 */
public interface CentreStore extends AutoCloseable {
    Dialect dialect();

    /** Registers a projection run inside every ingest transaction (see {@link Projection}); call before ingest starts. */
    void addProjection(Projection projection);

    /**
     * Stores a batch in one transaction, idempotent by (site, kiosk, seq): a stored seq with the same id is a
     * duplicate (counted), with another id a conflict (kept aside, counted). Presence applies only when its
     * kiosk time is not older than the presence stored. Throws {@link StoreException} having changed nothing.
     */
    IngestOutcome ingest(IngestBatch batch);

    List<KioskView> kiosks();

    Optional<KioskView> kiosk(KioskId id);

    Completeness completeness(KioskId id);

    /** Stored envelopes as received (JSON text), in seq order per kiosk. */
    List<String> events(EventQuery query);

    /** Alarms in the given state (null: all), newest first, at most {@code limit}. */
    List<Alarm> alarms(String state, KioskId kiosk, int limit);

    Optional<Alarm> alarm(long id);

    /**
     * Raises the alarm of this kiosk and kind: a new active one when none is open, else the open one is kept
     * (and its count and message updated when {@code repeat}). Returns the open alarm.
     */
    Alarm raise(KioskId kiosk, String kind, String message, long nowMs, boolean repeat);

    /** Clears the open alarm of this kiosk and kind, if any; true when one was cleared. */
    boolean clear(KioskId kiosk, String kind, long nowMs);

    /** Acknowledges an active alarm with a note; false when the alarm is not active. */
    boolean acknowledge(long alarmId, String note, String by, long nowMs);

    /** Creates or replaces a user. */
    void putUser(Account user, long nowMs);

    Optional<Account> user(String name);

    void addToken(Account token, long nowMs);

    Optional<Account> tokenByHash(String hash);

    void commandSent(SentCommand command);

    /** Records a command's result once; false when the command is unknown or already answered. */
    boolean commandResult(String commandId, String resultJson, long nowMs);

    Optional<SentCommand> command(String commandId);

    /** A named secret shared by every centre instance on this database, created by {@code create} the first time. */
    String secret(String name, Supplier<String> create);

    /** Runs {@code work} in one transaction of its own (for other centre modules' tables). */
    <T> T inTransaction(Work<T> work);

    /** True when the database answers. */
    boolean healthy();

    @Override
    void close();

    @FunctionalInterface
    interface Work<T> {
        T run(Transaction tx) throws java.sql.SQLException;
    }
}

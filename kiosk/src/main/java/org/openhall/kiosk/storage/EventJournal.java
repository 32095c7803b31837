package org.openhall.kiosk.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.SQLException;
import org.openhall.kiosk.events.Event;
import org.openhall.kiosk.events.EventType;

/**
 * Where {@link Tx#append} records events (the outbox). The database drives it through each domain
 * transaction so that in-memory counters mirror exactly what was committed.
 */
public interface EventJournal {
    /** Under the database lock, at the start of an outermost transaction. */
    void begin();

    /** Under the database lock, inside the transaction. */
    Event append(Connection c, EventType type, ObjectNode data) throws SQLException;

    /** Under the database lock, after a rollback: restore what {@link #append} changed in memory. */
    void rolledBack();

    /**
     * Under the database lock, after the work succeeded and just before the commit: what to run once the
     * commit is through (outside the lock; discarded if the commit fails).
     */
    Runnable committing();

    /** After a rollback, outside the lock, with what caused it. */
    void failed(RuntimeException cause);

    EventJournal NONE = new EventJournal() {
        @Override
        public void begin() {}

        @Override
        public Event append(Connection c, EventType type, ObjectNode data) {
            throw new IllegalStateException("no event journal attached to the database");
        }

        @Override
        public void rolledBack() {}

        @Override
        public Runnable committing() {
            return () -> {};
        }

        @Override
        public void failed(RuntimeException cause) {}
    };
}

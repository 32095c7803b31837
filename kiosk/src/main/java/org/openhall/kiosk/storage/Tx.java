package org.openhall.kiosk.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import org.openhall.kiosk.events.Event;
import org.openhall.kiosk.events.EventType;

/**
 * One open transaction: the domain's own SQL runs on {@link #connection()}, and {@link #append} records an
 * event in the same commit, so a domain change and its event exist together or not at all.
 */
public interface Tx {
    Connection connection();

    /** Assigns the event its seq and id; the event is durable once the transaction commits. */
    Event append(EventType type, ObjectNode data);

    /** Runs {@code action} after a successful commit (e.g. to tell listeners), never after a rollback. */
    void afterCommit(Runnable action);
}

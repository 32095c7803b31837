package org.openhall.kiosk.storage;

import java.sql.SQLException;

/** A unit of work inside one database transaction. */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Tx tx) throws SQLException;
}

package org.openhall.centre.store;

import java.sql.Connection;

/** The open ingest transaction handed to a {@link Projection}: its connection and which SQL dialect it speaks. */
public record Transaction(Connection connection, Dialect dialect) {}

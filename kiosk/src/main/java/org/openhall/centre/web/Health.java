package org.openhall.centre.web;

/** The centre's own state for {@code /api/health}: broker link, database, and this instance's ingest counters. */
public record Health(boolean mqttConnected, boolean databaseOk, long received, long stored, long duplicates,
        long conflicts, long junk, long queued, long batches, long storeMs) {}

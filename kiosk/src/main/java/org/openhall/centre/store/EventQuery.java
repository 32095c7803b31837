package org.openhall.centre.store;

/** Filters of {@code GET /api/events}; null means any. Times are epoch ms of the envelope's time, to exclusive. */
public record EventQuery(String site, String kiosk, String type, Long fromMs, Long toMs, int limit) {}

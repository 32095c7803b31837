package org.openhall.kiosk.tickets;

/** One line of {@code GET /api/queue}: a category and how many of its tickets wait today. */
public record CategoryQueue(String code, String name, String nameEn, long waiting) {}

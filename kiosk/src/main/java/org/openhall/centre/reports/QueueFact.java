package org.openhall.centre.reports;

/** One counted calling event as projected; {@code seconds} is waitS (called) or serviceS (completed), else null. */
public record QueueFact(String site, String kiosk, long seq, QueueEventKind kind, String day, String category,
        String window, Long seconds) {
}

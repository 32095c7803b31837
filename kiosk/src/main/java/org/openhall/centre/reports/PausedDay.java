package org.openhall.centre.reports;

/** How long one window was paused on one day (centre.timezone), in seconds. */
public record PausedDay(String site, String kiosk, String window, String day, long pausedS) {
}

package org.openhall.kiosk.tickets;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The service day: the calendar date in {@code kiosk.timezone}, except that it never moves backwards. A Pi
 * without a real-time clock may boot hours or days in the past until NTP syncs; the highest day seen is
 * stored, and until the clock catches up the kiosk keeps that day and keeps counting its numbers.
 */
final class ServiceDay {
    private ServiceDay() {}

    static LocalDate current(Clock clock, ZoneId zone, LocalDate highestSeen) {
        LocalDate byClock = LocalDate.ofInstant(clock.instant(), zone);
        return highestSeen == null || byClock.isAfter(highestSeen) ? byClock : highestSeen;
    }
}

package org.openhall.centre.reports;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A pause ends with {@code window.resumed} ({@code pausedS}); a pause over midnight belongs to both days,
 * each with its own part, so each day's paused time is what the window really lost that day.
 */
public final class PauseSplit {
    private PauseSplit() {
    }

    /** Seconds of the pause that ended at {@code resumedAt} after {@code pausedS}, per local day. */
    public static Map<LocalDate, Long> byDay(Instant resumedAt, long pausedS, ZoneId zone) {
        Map<LocalDate, Long> parts = new LinkedHashMap<>();
        Instant cursor = resumedAt.minusSeconds(Math.max(0, pausedS));
        while (cursor.isBefore(resumedAt)) {
            LocalDate day = LocalDate.ofInstant(cursor, zone);
            Instant nextMidnight = day.plusDays(1).atStartOfDay(zone).toInstant();
            Instant end = nextMidnight.isBefore(resumedAt) ? nextMidnight : resumedAt;
            parts.merge(day, Duration.between(cursor, end).toSeconds(), Long::sum);
            cursor = end;
        }
        return parts;
    }
}

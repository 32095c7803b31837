package org.openhall.centre.store;

/**
 * A kiosk's row as the fleet shows it. Times are epoch ms; null where never known. {@code presence} is
 * null before the first status message. {@code missing} counts seqs below {@code lastSeq} not yet
 * arrived and not explained as lost at the kiosk; {@code gapSinceMs} is when that count last became non-zero.
 * {@code presenceSinceMs} is on the kiosk's clock; {@code presenceChangedMs} (and the other *Received*,
 * gapSince and firstSeen times) on the centre's.
 */
public record KioskView(KioskId id, long firstSeenMs, String presence, Long presenceSinceMs, Long presenceChangedMs,
        String version,
        long lastSeq, Long lastEventMs, Long lastReceivedMs, String printer, Long outboxDepth, Integer ticketsToday,
        Integer ratingsToday, long received, long duplicates, long conflicts, long missing, Long gapSinceMs,
        long lostBelow) {}

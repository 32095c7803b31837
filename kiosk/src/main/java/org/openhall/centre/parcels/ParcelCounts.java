package org.openhall.centre.parcels;

/**
 * A site's parcel figures over a period, for the monthly summary (月汇总): registered, handed over, delivered,
 * rescheduled (door visits moved to another day), returned to the hall, in that period; {@code outNow} and
 * {@code overdueNow} at the time of asking.
 */
public record ParcelCounts(String site, long registered, long handedOver, long delivered, long rescheduled,
        long returned, long outNow, long overdueNow) {}

package org.openhall.centre.store;

/** A kiosk as the fleet knows it: unique per site. */
public record KioskId(String site, String kiosk) implements Comparable<KioskId> {
    @Override
    public int compareTo(KioskId other) {
        int bySite = site.compareTo(other.site);
        return bySite != 0 ? bySite : kiosk.compareTo(other.kiosk);
    }

    @Override
    public String toString() {
        return site + "/" + kiosk;
    }
}

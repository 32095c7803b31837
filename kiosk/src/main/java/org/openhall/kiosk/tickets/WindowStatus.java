package org.openhall.kiosk.tickets;

import java.util.List;

/** A window as the clerk page and the hall screen show it; {@code called} is null when it serves nobody. */
public record WindowStatus(String id, String name, String nameEn, List<String> categories, boolean paused, String called) {
    public WindowStatus {
        categories = List.copyOf(categories);
    }
}

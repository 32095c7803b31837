package org.openhall.kiosk.parcels;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.regex.Pattern;

/**
 * A parcel as the kiosk keeps it: only masked personal data. {@code handoverId} is null until a grid worker
 * took it.
 */
public record Parcel(
        String parcelId,
        String number,
        LocalDate serviceDay,
        String matter,
        String residentMasked,
        String phoneMasked,
        String window,
        OffsetDateTime registeredAt,
        boolean printed,
        String handoverId) {
    /** P + service day (yyyyMMdd) + at least three digits: P20260308001, P202603081000 after 999. */
    public static final Pattern NUMBER = Pattern.compile("^P[0-9]{11,}$");

    static String number(LocalDate day, int ordinal) {
        return "P" + day.toString().replace("-", "") + String.format("%03d", ordinal);
    }

    public boolean handedOver() {
        return handoverId != null;
    }

    Parcel withPrinted(boolean now) {
        return new Parcel(parcelId, number, serviceDay, matter, residentMasked, phoneMasked, window, registeredAt, now,
                handoverId);
    }

    /** What the clerk's page and the HTTP answers show: masked, never the personal fields. */
    public ObjectNode view() {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("parcelId", parcelId);
        data.put("number", number);
        data.put("matter", matter);
        data.put("residentName", residentMasked);
        data.put("phone", phoneMasked);
        data.put("serviceDay", serviceDay.toString());
        data.put("window", window);
        data.put("printed", printed);
        return data;
    }

    /**
     * The {@code parcel.registered} data: the masked view, and the full name, phone, address and note under
     * {@code personal}, the one place they leave the kiosk (docs/parcels.md).
     */
    ObjectNode registeredData(ParcelInput input) {
        ObjectNode data = view();
        ObjectNode personal = data.putObject("personal");
        personal.put("residentName", input.residentName());
        personal.put("phone", input.phone());
        personal.put("address", input.address());
        if (input.note().isEmpty()) {
            personal.putNull("note");
        } else {
            personal.put("note", input.note());
        }
        return data;
    }
}

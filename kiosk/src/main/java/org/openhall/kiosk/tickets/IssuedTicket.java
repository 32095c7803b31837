package org.openhall.kiosk.tickets;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** One issued ticket: what the {@code ticket.issued} event carries, plus the time printed on it. */
public record IssuedTicket(
        String ticketId,
        String number,
        String category,
        String categoryName,
        String categoryNameEn,
        boolean priority,
        int ahead,
        Integer waitMinutes,
        LocalDate serviceDay,
        String channel,
        boolean printed,
        OffsetDateTime issuedAt) {

    public IssuedTicket withPrinted(boolean now) {
        return new IssuedTicket(ticketId, number, category, categoryName, categoryNameEn, priority, ahead,
                waitMinutes, serviceDay, channel, now, issuedAt);
    }

    /** The {@code ticket.issued} data of interface.md section 3. */
    public ObjectNode data() {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("ticketId", ticketId);
        data.put("number", number);
        data.put("category", category);
        data.put("categoryName", categoryName);
        data.put("priority", priority);
        data.put("ahead", ahead);
        if (waitMinutes == null) {
            data.putNull("waitMinutes");
        } else {
            data.put("waitMinutes", waitMinutes);
        }
        data.put("serviceDay", serviceDay.toString());
        data.put("channel", channel);
        data.put("printed", printed);
        return data;
    }
}

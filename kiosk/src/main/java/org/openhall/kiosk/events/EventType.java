package org.openhall.kiosk.events;

/** The event types of the MQTT contract (interface.md sections 3 and 7) and their delivery class. */
public enum EventType {
    TICKET_ISSUED("ticket.issued", Priority.BUSINESS),
    TICKET_CALLED("ticket.called", Priority.BUSINESS),
    TICKET_NO_SHOW("ticket.no_show", Priority.BUSINESS),
    TICKET_COMPLETED("ticket.completed", Priority.BUSINESS),
    TICKET_TRANSFERRED("ticket.transferred", Priority.BUSINESS),
    WINDOW_PAUSED("window.paused", Priority.BUSINESS),
    WINDOW_RESUMED("window.resumed", Priority.BUSINESS),
    RATING_SUBMITTED("rating.submitted", Priority.BUSINESS),
    /** Carries the resident's full name, phone and address for the centre (docs/parcels.md). */
    PARCEL_REGISTERED("parcel.registered", Priority.BUSINESS, true),
    PARCEL_HANDED_OVER("parcel.handed_over", Priority.BUSINESS),
    PRINTER_STATUS("printer.status", Priority.ALERT),
    ALERT("alert", Priority.ALERT),
    COMMAND_RESULT("command.result", Priority.ALERT),
    TELEMETRY("telemetry", Priority.TELEMETRY);

    private final String wireName;
    private final Priority priority;
    private final boolean personal;

    EventType(String wireName, Priority priority) {
        this(wireName, priority, false);
    }

    EventType(String wireName, Priority priority, boolean personal) {
        this.wireName = wireName;
        this.priority = priority;
        this.personal = personal;
    }

    /** True for the types whose data holds personal data: the kiosk keeps them no longer than it must. */
    public static boolean carriesPersonalData(String wireName) {
        for (EventType t : values()) {
            if (t.wireName.equals(wireName)) {
                return t.personal;
            }
        }
        return false;
    }

    public String wireName() {
        return wireName;
    }

    public Priority priority() {
        return priority;
    }
}

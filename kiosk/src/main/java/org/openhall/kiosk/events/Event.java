package org.openhall.kiosk.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;

/** One committed event: its identity ({@code id}, gapless {@code seq}), type, time and data. */
public record Event(String id, long seq, EventType type, OffsetDateTime time, ObjectNode data) {}

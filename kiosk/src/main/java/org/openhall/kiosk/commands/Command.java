package org.openhall.kiosk.commands;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** A parsed command: its unique id, name (from the topic), optional issue time, and the payload as arguments. */
public record Command(String id, String name, Instant issued, ObjectNode args) {}

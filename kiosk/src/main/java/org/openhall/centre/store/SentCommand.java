package org.openhall.centre.store;

/** A command the centre published, and its {@code command.result} data once it came (null before). */
public record SentCommand(String id, KioskId kiosk, String name, long sentMs, String resultJson) {}

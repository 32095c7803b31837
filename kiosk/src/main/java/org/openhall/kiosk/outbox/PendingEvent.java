package org.openhall.kiosk.outbox;

/** An unsent event as the relay reads it: its seq, its topic suffix and the encoded envelope. */
public record PendingEvent(long seq, int priority, String type, byte[] payload) {}

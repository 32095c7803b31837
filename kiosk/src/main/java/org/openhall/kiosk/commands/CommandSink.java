package org.openhall.kiosk.commands;

/** Receives raw commands from the transport. Must return quickly: it runs on the transport's thread. */
@FunctionalInterface
public interface CommandSink {
    void received(String name, byte[] payload);
}

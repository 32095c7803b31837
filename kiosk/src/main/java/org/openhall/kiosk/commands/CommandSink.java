package org.openhall.kiosk.commands;

/**
 * Receives raw commands from the transport. Runs on the transport's thread: returns quickly, and returns
 * normally only once the command is taken (committed, or answered as refused), so that the transport may then
 * acknowledge it to the broker.
 */
public interface CommandSink {
    /** The largest command payload taken; the transport keeps bigger ones out of memory (see {@link #oversized}). */
    int MAX_PAYLOAD = 64 * 1024;

    void received(String name, byte[] payload) throws CommandNotTakenException;

    /** A payload over {@link #MAX_PAYLOAD} that the transport discarded: its size and first bytes. */
    void oversized(String name, long size, byte[] head) throws CommandNotTakenException;
}

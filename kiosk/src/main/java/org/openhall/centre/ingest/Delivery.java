package org.openhall.centre.ingest;

/** One message off the broker; {@link #ack()} tells the broker it is safe, and is called only after the commit. */
public interface Delivery {
    String topic();

    /** The payload as received; empty when the transport dropped it for its size (see {@link #droppedBytes()}). */
    byte[] payload();

    /**
     * The size of a payload over {@link EnvelopeReader#MAX_PAYLOAD_BYTES} that the transport read past without
     * keeping it (it never reached the heap), or -1 for a payload delivered whole. Such a delivery is junk
     * {@code too_large}, acknowledged like any other so that the broker does not send it again.
     */
    default long droppedBytes() {
        return -1;
    }

    void ack();
}

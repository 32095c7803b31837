package org.openhall.centre.ingest;

/** One message off the broker; {@link #ack()} tells the broker it is safe, and is called only after the commit. */
public interface Delivery {
    String topic();

    byte[] payload();

    void ack();
}

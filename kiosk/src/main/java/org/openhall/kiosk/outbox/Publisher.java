package org.openhall.kiosk.outbox;

/**
 * The transport the relay hands events to. Implementations send asynchronously and report each broker
 * acknowledgement, and every loss of connection, to the {@link Listener}.
 */
public interface Publisher {
    boolean connected();

    /** Starts sending {@code payload} to {@code topicSuffix} (relative to the kiosk's topic root) at QoS 1. */
    void publish(String topicSuffix, byte[] payload, long seq) throws PublishFailedException;

    void listener(Listener listener);

    interface Listener {
        /** The broker acknowledged the event with this seq. May be called on a transport thread. */
        void acknowledged(long seq);

        /** The connection came up or went down; unacknowledged events must be sent again. */
        void connectionChanged(boolean connected);
    }

    final class PublishFailedException extends Exception {
        public PublishFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

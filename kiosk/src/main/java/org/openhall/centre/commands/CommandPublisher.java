package org.openhall.centre.commands;

/** Publishes a command to a kiosk (QoS 1, not retained); the MQTT adapter implements it. */
public interface CommandPublisher {
    void publish(String topic, byte[] payload) throws PublishException;

    /** The topic of command {@code name} for one kiosk. */
    String commandTopic(String site, String kiosk, String name);

    final class PublishException extends Exception {
        public PublishException(String message) {
            super(message);
        }
    }
}

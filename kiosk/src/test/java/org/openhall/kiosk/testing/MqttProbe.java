package org.openhall.kiosk.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** The centre's side in tests: a real MQTT client that records what arrives and sends commands. */
public final class MqttProbe implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final MqttClient client;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    public record Received(String topic, byte[] payload, boolean retained) {
        public JsonNode json() {
            try {
                return JSON.readTree(payload);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    public MqttProbe(String url, String... filters) {
        this(url, "probe-" + UUID.randomUUID(), cleanOptions(), filters);
    }

    private static MqttConnectOptions cleanOptions() {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setMaxInflight(1000);
        return o;
    }

    /**
     * A centre that keeps its session on the broker (clean session off, fixed client id) and reconnects by
     * itself: with a persistent broker nothing published while it was away is missed.
     */
    public static MqttProbe persistent(String url, String clientId, String... filters) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(false);
        o.setAutomaticReconnect(true);
        o.setMaxReconnectDelay(500);
        o.setMaxInflight(1000);
        return new MqttProbe(url, clientId, o, filters);
    }

    /** Any options (TLS, credentials); the probe subscribes to {@code filters} at QoS 1. */
    public MqttProbe(String url, String clientId, MqttConnectOptions options, String... filters) {
        try {
            client = new MqttClient(url, clientId, new MemoryPersistence());
            client.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {}

                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    received.add(new Received(topic, message.getPayload(), message.isRetained()));
                }

                @Override
                public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {}
            });
            client.connect(options);
            for (String filter : filters) {
                client.subscribe(filter, 1);
            }
        } catch (MqttException e) {
            throw new IllegalStateException("probe cannot connect to " + url, e);
        }
    }

    public void publish(String topic, byte[] payload, boolean retained) {
        try {
            client.publish(topic, payload, 1, retained);
        } catch (MqttException e) {
            throw new IllegalStateException(e);
        }
    }

    public void publish(String topic, String payload) {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8), false);
    }

    public List<Received> received() {
        return new ArrayList<>(received);
    }

    /** Event envelopes (topics containing /events/) in arrival order. */
    public List<JsonNode> events(String type) {
        return received.stream().filter(r -> r.topic().endsWith("/events/" + type)).map(Received::json).toList();
    }

    public List<Received> awaitCount(Predicate<Received> match, int count, Duration timeout) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(20))
                .until(() -> received.stream().filter(match).count() >= count);
        return received.stream().filter(match).toList();
    }

    public JsonNode awaitEvent(String type, Predicate<JsonNode> match, Duration timeout) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(20))
                .until(() -> events(type).stream().anyMatch(match));
        return events(type).stream().filter(match).findFirst().orElseThrow();
    }

    public void clear() {
        received.clear();
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(1000);
            }
            client.close();
        } catch (MqttException ignored) {
            // the broker may already be gone in outage tests
        }
    }
}

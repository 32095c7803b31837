package org.openhall.centre.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import javax.net.SocketFactory;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.openhall.centre.commands.CommandPublisher;
import org.openhall.centre.config.CentreConfig;
import org.openhall.centre.ingest.Delivery;
import org.openhall.centre.ingest.EnvelopeReader;
import org.openhall.kiosk.mqtt.Backoff;
import org.openhall.kiosk.mqtt.TlsFactory;
import org.openhall.kiosk.mqtt.transport.GuardedSockets;
import org.openhall.kiosk.mqtt.transport.Oversized;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The centre's broker link (Paho v3): a persistent session under the fixed client id {@code centre.id}
 * (clean session off), QoS 1 on {@code T/+/+/events/#} (shared as {@code $share/g/…} with a group) and on
 * {@code T/+/+/status} without the share (retained messages do not reach shared subscriptions). Manual
 * acknowledgement: a PUBACK goes out only when ingest calls {@link Delivery#ack()} after the commit, and
 * only on the connection the message came on; a message of an earlier connection is redelivered by the
 * broker and stored as a duplicate instead. Reconnects are ours (Paho's do not cover the first connect).
 * The socket reads through the kiosk's transport guard ({@link GuardedSockets}): a payload over
 * {@link EnvelopeReader#MAX_PAYLOAD_BYTES} arrives as an {@link Oversized} marker, never whole, and is handed on
 * as a delivery with {@link Delivery#droppedBytes()} (acknowledged like any junk, so it is not sent again).
 */
public final class CentreMqtt implements CommandPublisher {
    private static final Logger log = LoggerFactory.getLogger(CentreMqtt.class);
    private final CentreConfig.Mqtt config;
    private final String clientId;
    private final Consumer<Delivery> sink;
    private final AtomicInteger generation = new AtomicInteger();
    private final Backoff backoff = new Backoff(1_000, 30_000, 3, java.util.random.RandomGenerator.of("L64X128MixRandom"));
    private volatile MqttAsyncClient client;
    private volatile boolean running;
    private volatile boolean connected;
    private volatile Thread loop;
    private final Object wake = new Object();

    public CentreMqtt(CentreConfig.Mqtt config, String clientId, Consumer<Delivery> sink) {
        this.config = config;
        this.clientId = clientId;
        this.sink = sink;
    }

    public void start() {
        running = true;
        loop = Thread.ofPlatform().name("centre-mqtt").daemon(true).start(this::run);
    }

    public boolean connected() {
        return connected;
    }

    /** True while the connect loop runs (connected or not: a broker outage is not a hang). */
    public boolean alive() {
        Thread t = loop;
        return running && t != null && t.isAlive();
    }

    public String eventsFilter() {
        String events = config.topicPrefix() + "/+/+/events/#";
        return config.shared() ? "$share/" + config.sharedGroup() + "/" + events : events;
    }

    public String statusFilter() {
        return config.topicPrefix() + "/+/+/status";
    }

    private void run() {
        while (running) {
            if (!connected) {
                try {
                    connect();
                    backoff.reset();
                } catch (MqttException | RuntimeException e) {
                    long delay = backoff.nextDelayMs();
                    log.warn("broker {} not reachable ({}); next attempt in {} ms", config.servers(), e.getMessage(), delay);
                    closeQuietly();
                    sleep(delay);
                    continue;
                }
            }
            synchronized (wake) {
                if (connected && running) {
                    try {
                        wake.wait(1_000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }
    }

    private void connect() throws MqttException {
        closeQuietly();
        MqttAsyncClient c = new MqttAsyncClient(config.servers().get(0), clientId, new MemoryPersistence());
        c.setManualAcks(true);
        int gen = generation.incrementAndGet();
        c.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                log.warn("broker connection lost: {}", cause == null ? "closed" : cause.getMessage());
                connected = false;
                synchronized (wake) {
                    wake.notifyAll();
                }
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                byte[] payload = message.getPayload();
                long dropped = Oversized.decode(payload).map(Oversized::size).orElse(-1L);
                sink.accept(new PahoDelivery(topic, dropped >= 0 ? new byte[0] : payload, dropped, message.getId(),
                        message.getQos(), gen));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // command publishes wait on their own tokens
            }
        });
        c.connect(options()).waitForCompletion(15_000);
        client = c;
        c.subscribe(new String[] {eventsFilter(), statusFilter()}, new int[] {1, 1}).waitForCompletion(15_000);
        connected = true;
        log.info("connected to {} as {}; subscribed to {} and {}", config.servers(), clientId, eventsFilter(), statusFilter());
    }

    private MqttConnectOptions options() {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setServerURIs(config.servers().toArray(new String[0]));
        o.setCleanSession(false);
        o.setAutomaticReconnect(false);
        o.setKeepAliveInterval(config.keepaliveS());
        o.setConnectionTimeout(10);
        o.setMaxInflight(100);
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        if (config.username() != null) {
            o.setUserName(config.username());
        }
        if (config.password() != null) {
            o.setPassword(config.password().toCharArray());
        }
        SocketFactory sockets = config.servers().stream().anyMatch(s -> s.startsWith("ssl://")) ? tls() : SocketFactory.getDefault();
        // Paho reads each packet whole into one array before anyone can look at it: one 60 MB publish on a kiosk
        // topic would exhaust the heap. The guard reads past a payload over the ingest limit and hands Paho a
        // small marker with the same packet id instead, which ingest counts as junk and acknowledges once.
        o.setSocketFactory(GuardedSockets.factory(sockets, EnvelopeReader.MAX_PAYLOAD_BYTES));
        return o;
    }

    private SocketFactory tls() {
        try {
            return TlsFactory.create(config.caFile(), config.certFile(), config.keyFile());
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("TLS setup failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void publish(String topic, byte[] payload) throws PublishException {
        MqttAsyncClient c = client;
        if (c == null || !connected) {
            throw new PublishException("not connected to the broker");
        }
        try {
            c.publish(topic, payload, 1, false).waitForCompletion(5_000);
        } catch (MqttException e) {
            throw new PublishException(e.getMessage());
        }
    }

    public void stop() {
        running = false;
        Thread t = loop;
        if (t != null) {
            t.interrupt();
        }
        MqttAsyncClient c = client;
        if (c != null) {
            try {
                c.disconnect(2_000).waitForCompletion(3_000);
            } catch (MqttException e) {
                log.debug("disconnect: {}", e.getMessage());
            }
        }
        closeQuietly();
    }

    private void closeQuietly() {
        MqttAsyncClient c = client;
        client = null;
        connected = false;
        if (c != null) {
            try {
                if (c.isConnected()) {
                    c.disconnectForcibly(500, 500);
                }
                c.close(true);
            } catch (MqttException e) {
                log.debug("close: {}", e.getMessage());
            }
        }
    }

    private static void sleep(long ms) {
        LockSupport.parkNanos(ms * 1_000_000);
    }

    /** A message of one connection; acknowledged only while that connection lasts. */
    private final class PahoDelivery implements Delivery {
        private final String topic;
        private final byte[] payload;
        private final long dropped;
        private final int id;
        private final int qos;
        private final int gen;

        PahoDelivery(String topic, byte[] payload, long dropped, int id, int qos, int gen) {
            this.topic = topic;
            this.payload = payload;
            this.dropped = dropped;
            this.id = id;
            this.qos = qos;
            this.gen = gen;
        }

        @Override
        public String topic() {
            return topic;
        }

        @Override
        public byte[] payload() {
            return payload;
        }

        @Override
        public long droppedBytes() {
            return dropped;
        }

        @Override
        public void ack() {
            MqttAsyncClient c = client;
            if (qos == 0 || c == null || gen != generation.get()) {
                return;
            }
            try {
                c.messageArrivedComplete(id, qos);
            } catch (MqttException e) {
                log.debug("ack of message {} not sent ({}); the broker delivers it again", id, e.getMessage());
            }
        }

        @Override
        public String toString() {
            return topic + " (" + new String(payload, 0, Math.min(40, payload.length), StandardCharsets.UTF_8) + "…)";
        }
    }

    /** The topics a command goes to. */
    @Override
    public String commandTopic(String site, String kiosk, String name) {
        return config.topicPrefix() + "/" + site + "/" + kiosk + "/cmd/" + name;
    }

    List<String> servers() {
        return config.servers();
    }
}

package org.openhall.kiosk.mqtt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;
import javax.net.SocketFactory;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.openhall.kiosk.commands.CommandNotTakenException;
import org.openhall.kiosk.commands.CommandSink;
import org.openhall.kiosk.config.KioskConfig;
import org.openhall.kiosk.events.EventCodec;
import org.openhall.kiosk.json.Json;
import org.openhall.kiosk.mqtt.transport.GuardedSockets;
import org.openhall.kiosk.mqtt.transport.Oversized;
import org.openhall.kiosk.outbox.Publisher;
import org.openhall.kiosk.work.Worker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Paho transport. Owns one connect thread (a {@link Worker}) that runs a small state machine:
 *
 * <pre>
 *   DISCONNECTED --attempt(server i)--> CONNECTING --CONNACK, SUBACK--> CONNECTED --lost--> DISCONNECTED
 *        ^                                   |
 *        +-- failed: next server at once; after a whole round of servers failed, backoff (see Backoff)
 * </pre>
 *
 * The first connect is retried like any other. Failover is ours, one server per attempt: Paho's own list
 * of server URIs only moves on when a connect fails, so a broker that accepts TCP and never answers would
 * hold the kiosk on it for ever. An attempt that gets no CONNACK within {@link #CONNECT_TIMEOUT_MS} is
 * abandoned and its socket and threads released. Each session uses a fresh client with memory persistence
 * (the outbox is the durable store), clean session off and client id = kiosk id so that commands queued
 * while offline are delivered. Paho callbacks only record facts and wake the thread; nothing calls Paho
 * from inside a callback.
 */
public final class MqttLink implements Publisher {
    private static final Logger log = LoggerFactory.getLogger(MqttLink.class);
    /** Paho's own in-flight cap; the relay keeps well below it so Paho never throws 32202. */
    public static final int PAHO_MAX_INFLIGHT = 1000;
    /**
     * Unacknowledged events the relay allows: below Paho's cap, which also counts our status publishes.
     * 512 rather than 64 drains a backlog about 1.6 times faster to a local broker (docs/benchmarks.md) and
     * far more over a WAN, where a window must cover the round trip; it costs at most 512 payloads of heap.
     */
    public static final int RELAY_WINDOW = 512;
    /** How long one attempt waits for TCP, TLS and the CONNACK before giving up on that server. */
    static final long CONNECT_TIMEOUT_MS = 10_000;
    private static final long SUBSCRIBE_TIMEOUT_MS = 10_000;
    /** Failed attempts in a row after which the wait starts to grow (about 12 s of 1-1.5 s waits). */
    private static final int QUICK_ATTEMPTS = 10;

    private final KioskConfig config;
    private final Topics topics;
    private final Json json;
    private final Clock clock;
    private final ZoneId zone;
    private final String version;
    private final Backoff backoff;
    /** How long the connected link sleeps when nothing happens; a lost connection wakes it at once. */
    private static final long CONNECTED_IDLE_MS = 60_000;
    private final ReentrantLock lock = new ReentrantLock();
    private final Worker worker = new Worker("mqtt-connect", this::round);
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong notTaken = new AtomicLong();
    private volatile Listener listener;
    private volatile CommandSink commands;
    /** The client of the current attempt or session; guarded by {@link #lock} for writes. */
    private volatile MqttAsyncClient client;
    private volatile boolean connected;
    private volatile boolean running;
    private boolean lost;
    private long failedAttempts;
    private int serverIndex;
    private int failedInRound;

    public MqttLink(KioskConfig config, Json json, Clock clock, String version, RandomGenerator random) {
        this.config = config;
        this.topics = Topics.of(config.mqtt().topicPrefix(), config.kiosk().site(), config.kiosk().id());
        this.json = json;
        this.clock = clock;
        this.zone = config.kiosk().timezone();
        this.version = version;
        this.backoff = new Backoff(1_000, 60_000, QUICK_ATTEMPTS, random);
    }

    public Topics topics() {
        return topics;
    }

    public void commands(CommandSink sink) {
        this.commands = sink;
    }

    @Override
    public void listener(Listener listener) {
        this.listener = listener;
    }

    /** True while the loop thread runs (the systemd watchdog asks). */
    public boolean alive() {
        return worker.alive();
    }

    @Override
    public boolean connected() {
        return connected;
    }

    public long reconnects() {
        return reconnects.get();
    }

    public void start() {
        running = true;
        worker.start();
    }

    @Override
    public void publish(String topicSuffix, byte[] payload, long seq) throws PublishFailedException {
        MqttAsyncClient c = client;
        if (c == null || !connected) {
            throw new PublishFailedException("not connected", null);
        }
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        try {
            c.publish(topics.under(topicSuffix), message, seq, null);
        } catch (MqttException e) {
            throw new PublishFailedException("publish failed: " + e.getMessage(), e);
        }
    }

    /** One step of the state machine; returns how long to wait before the next. */
    private long round() {
        List<String> servers = config.mqtt().servers();
        if (!connected) {
            if (connectOnce(servers.get(serverIndex))) {
                backoff.reset();
                failedInRound = 0;
                return 0;
            }
            serverIndex = (serverIndex + 1) % servers.size();
            if (++failedInRound < servers.size()) {
                return 0;
            }
            failedInRound = 0;
            return backoff.nextDelayMs();
        }
        if (takeLost()) {
            dropClient();
            return 0;
        }
        return CONNECTED_IDLE_MS;
    }

    private boolean connectOnce(String server) {
        MqttAsyncClient c = null;
        try {
            c = new MqttAsyncClient(server, config.kiosk().id(), new MemoryPersistence());
            c.setCallback(new Callbacks(c));
            beginAttempt(c);
            c.connect(options(server)).waitForCompletion(CONNECT_TIMEOUT_MS);
            // subscribed before announcing: a centre that sees "online" can send commands at once
            c.subscribe(topics.commands(), 1).waitForCompletion(SUBSCRIBE_TIMEOUT_MS);
            c.publish(topics.status(), statusPayload("online"), 1, true);
            if (!markConnected(c)) {
                throw new MqttException(MqttException.REASON_CODE_CONNECTION_LOST);
            }
            log.info("mqtt connected to {} after {} failed attempts", server, failedAttempts);
            failedAttempts = 0;
            notifyListener(true);
            return true;
        } catch (MqttException | RuntimeException e) {
            failedAttempts++;
            // the first failure and then every 20th: an outage of hours must not flood the journal
            if (failedAttempts % 20 == 1) {
                log.warn("mqtt connect to {} failed ({} attempts so far): {}", server, failedAttempts, describe(e));
            }
            endAttempt(c);
            closeQuietly(c);
            return false;
        }
    }

    private void beginAttempt(MqttAsyncClient c) {
        lock.lock();
        try {
            client = c;
            lost = false;
        } finally {
            lock.unlock();
        }
    }

    /** Connected only if the session did not already drop while we subscribed (its callback saw no owner yet). */
    private boolean markConnected(MqttAsyncClient c) {
        lock.lock();
        try {
            if (client != c || lost || !c.isConnected() || !running) {
                return false;
            }
            connected = true;
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void endAttempt(MqttAsyncClient c) {
        lock.lock();
        try {
            if (client == c) {
                client = null;
                lost = false;
            }
        } finally {
            lock.unlock();
        }
    }

    private MqttConnectOptions options(String server) throws MqttException {
        KioskConfig.MqttSettings m = config.mqtt();
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(false);
        o.setAutomaticReconnect(false);
        o.setKeepAliveInterval(m.keepaliveS());
        o.setConnectionTimeout((int) (CONNECT_TIMEOUT_MS / 1000));
        o.setMaxInflight(PAHO_MAX_INFLIGHT);
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setWill(topics.status(), statusPayload("offline"), 1, true);
        if (m.username() != null) {
            o.setUserName(m.username());
        }
        if (m.password() != null) {
            o.setPassword(m.password().toCharArray());
        }
        // per server: a list may mix tcp:// and ssl://, and Paho refuses a TLS factory for tcp://
        SocketFactory sockets = SocketFactory.getDefault();
        if (server.startsWith("ssl://")) {
            try {
                sockets = TlsFactory.create(m.caFile(), m.certFile(), m.keyFile());
            } catch (Exception e) {
                throw new MqttException(MqttException.REASON_CODE_SSL_CONFIG_ERROR, e);
            }
            o.setHttpsHostnameVerificationEnabled(true);
        }
        // Paho reads each packet whole into one array: a command over the limit must never reach it
        o.setSocketFactory(GuardedSockets.factory(sockets, CommandSink.MAX_PAYLOAD));
        return o;
    }

    byte[] statusPayload(String state) {
        ObjectNode status = json.createObjectNode();
        status.put("state", state);
        status.put("kiosk", config.kiosk().id());
        status.put("version", version);
        status.put("time", EventCodec.TIME.format(OffsetDateTime.ofInstant(clock.instant(), zone)));
        return json.writeValueAsBytes(status);
    }

    private final class Callbacks implements MqttCallback {
        private final MqttAsyncClient owner;

        Callbacks(MqttAsyncClient owner) {
            this.owner = owner;
        }

        @Override
        public void connectionLost(Throwable cause) {
            boolean wasConnected;
            lock.lock();
            try {
                if (owner != client) {
                    return;
                }
                wasConnected = connected;
                connected = false;
                lost = true;
            } finally {
                lock.unlock();
            }
            worker.wake();
            if (wasConnected) {
                log.warn("mqtt connection lost: {}", describe(cause));
                reconnects.incrementAndGet();
                notifyListener(false);
            }
        }

        /**
         * Returns (and Paho acknowledges the message) once the command is taken. When it could not be stored this
         * throws: Paho then sends no PUBACK and shuts the connection down, and the broker delivers the command
         * again after the reconnect (clean session off). A bug on one payload is logged and the payload dropped,
         * so that it cannot block the commands after it by coming back for ever.
         */
        @Override
        public void messageArrived(String topic, MqttMessage message) throws MqttException {
            String name = topics.commandName(topic);
            CommandSink sink = commands;
            if (name == null || sink == null) {
                return;
            }
            byte[] payload = message.getPayload();
            try {
                Optional<Oversized> oversized = Oversized.decode(payload);
                if (oversized.isPresent()) {
                    sink.oversized(name, oversized.get().size(), oversized.get().head());
                } else {
                    sink.received(name, payload);
                }
            } catch (CommandNotTakenException e) {
                if (notTaken.incrementAndGet() % 20 == 1) {
                    log.warn("command {} not taken, the broker will deliver it again ({} times so far): {}", name,
                            notTaken.get(), describe(e));
                }
                throw new MqttException(MqttException.REASON_CODE_CLIENT_EXCEPTION, e);
            } catch (RuntimeException e) {
                log.warn("command {} dropped: {}", name, e.toString());
            }
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            Object context = token.getUserContext();
            Listener l = listener;
            if (context instanceof Long seq && l != null) {
                l.acknowledged(seq);
            }
        }
    }

    private void notifyListener(boolean up) {
        Listener l = listener;
        if (l != null) {
            l.connectionChanged(up);
        }
    }

    private boolean takeLost() {
        lock.lock();
        try {
            boolean was = lost;
            lost = false;
            return was;
        } finally {
            lock.unlock();
        }
    }

    private void dropClient() {
        MqttAsyncClient old;
        lock.lock();
        try {
            old = client;
            client = null;
            connected = false;
        } finally {
            lock.unlock();
        }
        closeQuietly(old);
    }

    /** Publishes the retained offline status (if connected), then disconnects within the time given. */
    public void stop(long timeoutMs) {
        running = false;
        worker.requestStop();
        if (!connected) {
            // an attempt may be waiting for a CONNACK that never comes: release it now, not in 10 s
            closeQuietly(client);
        }
        worker.stop(timeoutMs);
        MqttAsyncClient c = client;
        if (c != null && connected) {
            try {
                c.publish(topics.status(), statusPayload("offline"), 1, true).waitForCompletion(Math.min(2_000, timeoutMs));
                c.disconnect(1_000).waitForCompletion(2_000);
                log.info("mqtt disconnected cleanly");
            } catch (MqttException e) {
                log.warn("mqtt clean disconnect failed: {}", describe(e));
            }
        }
        connected = false;
        client = null;
        closeQuietly(c);
    }

    /**
     * Releases a client in any state. Paho refuses {@code close()} while a connect is in progress, so a
     * connect that timed out is first shut down forcibly; otherwise every silent attempt would leak a socket
     * and Paho's threads. No DISCONNECT packet is sent, so after a half-made session the broker publishes our
     * last will (offline) rather than leaving a stale retained online.
     */
    private static void closeQuietly(MqttAsyncClient c) {
        if (c == null) {
            return;
        }
        try {
            c.disconnectForcibly(0, 500, false);
        } catch (MqttException | RuntimeException ignored) {
            // already disconnected: nothing to shut down, close below releases the rest
        }
        try {
            c.close(true);
        } catch (MqttException ignored) {
            // close only fails when already closed
        }
    }

    private static String describe(Throwable e) {
        if (e == null) {
            return "unknown";
        }
        Throwable cause = e.getCause();
        return e.getMessage() + (cause != null && cause != e ? " (" + cause.getMessage() + ")" : "");
    }
}

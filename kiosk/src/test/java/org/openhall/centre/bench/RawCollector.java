package org.openhall.centre.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The end-to-end baseline for (a): the least a correct collector does, with none of the centre's work. A Paho
 * subscriber as the centre connects (persistent session, QoS 1, manual acknowledgement), batches of up to 1,000
 * or 20 ms after the first, each envelope's key fields read with Jackson and the row put by one raw JDBC batched
 * INSERT and a commit; the batch is acknowledged after the commit. No validation, no duplicates, no ranges,
 * no presence, no projections.
 */
final class RawCollector implements AutoCloseable {
    private static final String TABLE = "raw_collected";
    private static final int MAX_BATCH = 1000;
    private static final long MAX_WAIT_MS = 20;

    private final ObjectMapper json = new ObjectMapper();
    private final BlockingQueue<MqttMessage> arrived = new LinkedBlockingQueue<>();
    private final AtomicLong stored = new AtomicLong();
    private final MqttAsyncClient client;
    private final Connection db;
    private final Thread writer;
    private volatile Exception failed;

    RawCollector(String brokerUrl, String eventsFilter, Connection db) throws MqttException, SQLException {
        this.db = db;
        try (Statement s = db.createStatement()) {
            s.execute(CentreBench.rawTableDdl(TABLE));
        }
        db.setAutoCommit(false);
        client = new MqttAsyncClient(brokerUrl, "raw-collector-" + UUID.randomUUID(), new MemoryPersistence());
        client.setManualAcks(true);
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                // the benchmark's broker outlives the collector
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                arrived.add(message);
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // subscribes only
            }
        });
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(false);
        o.setMaxInflight(100);
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        client.connect(o).waitForCompletion(15_000);
        client.subscribe(eventsFilter, 1).waitForCompletion(15_000);
        writer = Thread.ofPlatform().name("raw-collector").start(this::write);
    }

    /** Events committed and acknowledged so far; throws once the writer failed, so a wait for them ends. */
    long stored() {
        if (failed != null) {
            throw new IllegalStateException("raw collector failed", failed);
        }
        return stored.get();
    }

    private void write() {
        List<MqttMessage> batch = new ArrayList<>(MAX_BATCH);
        try (PreparedStatement ps = db.prepareStatement(CentreBench.rawTableInsert(TABLE))) {
            while (!Thread.currentThread().isInterrupted()) {
                batch.add(arrived.take());
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MAX_WAIT_MS);
                while (batch.size() < MAX_BATCH) {
                    MqttMessage next = arrived.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                }
                long receivedMs = System.currentTimeMillis();
                for (MqttMessage m : batch) {
                    bind(ps, m.getPayload(), receivedMs);
                    ps.addBatch();
                }
                ps.executeBatch();
                db.commit();
                for (MqttMessage m : batch) {
                    client.messageArrivedComplete(m.getId(), m.getQos());
                }
                stored.addAndGet(batch.size());
                batch.clear();
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failed = e;
        }
    }

    private void bind(PreparedStatement ps, byte[] payload, long receivedMs) throws Exception {
        JsonNode e = json.readTree(payload);
        String time = e.path("time").asText();
        ps.setString(1, e.path("site").asText());
        ps.setString(2, e.path("kiosk").asText());
        ps.setLong(3, e.path("seq").asLong());
        ps.setString(4, e.path("id").asText());
        ps.setString(5, e.path("type").asText());
        ps.setString(6, time);
        ps.setLong(7, OffsetDateTime.parse(time).toInstant().toEpochMilli());
        ps.setLong(8, receivedMs);
        ps.setString(9, new String(payload, StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws Exception {
        writer.interrupt();
        writer.join(10_000);
        client.disconnect().waitForCompletion(5_000);
        client.close();
    }
}

package org.openhall.centre.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * N simulated kiosks publishing real envelopes (QoS 1) over a few broker connections: the broker and the
 * centre see the topics and payloads of N kiosks; one connection per kiosk would only measure the broker.
 * Each rating carries {@code publishedAtMs}, the wall clock when it was handed to the broker connection.
 */
final class FleetSimulator implements AutoCloseable {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
            .withZone(ZoneOffset.ofHours(8));
    private static final int WINDOW = 500;
    private final List<MqttAsyncClient> clients = new ArrayList<>();
    private final List<Semaphore> windows = new ArrayList<>();
    private final String site;

    FleetSimulator(String brokerUrl, int connections, String site) throws MqttException {
        this.site = site;
        for (int i = 0; i < connections; i++) {
            MqttAsyncClient c = new MqttAsyncClient(brokerUrl, "fleet-sim-" + i + "-" + UUID.randomUUID(), new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setCleanSession(true);
            o.setMaxInflight(WINDOW + 10);
            c.connect(o).waitForCompletion(10_000);
            clients.add(c);
            windows.add(new Semaphore(WINDOW));
        }
    }

    static String kiosk(int k) {
        return String.format("sim-%04d", k);
    }

    static byte[] envelope(String site, String kiosk, long seq, long nowMs) {
        String json = "{\"v\":1,\"id\":\"" + UUID.randomUUID() + "\",\"kiosk\":\"" + kiosk + "\",\"site\":\"" + site
                + "\",\"seq\":" + seq + ",\"type\":\"rating.submitted\",\"time\":\"" + TIME.format(Instant.ofEpochMilli(nowMs))
                + "\",\"data\":{\"window\":\"" + (seq % 8 + 1) + "\",\"level\":\"satisfied\",\"score\":4,\"verdict\":\"good\","
                + "\"ticket\":\"A" + (seq % 1000) + "\",\"staff\":\"s" + (seq % 40) + "\",\"channel\":\"button\",\"publishedAtMs\":"
                + nowMs + "}}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** Publishes event {@code seq} of kiosk {@code k}; blocks only while that connection's window is full. */
    void publish(int k, long seq) throws InterruptedException, MqttException {
        int c = k % clients.size();
        Semaphore window = windows.get(c);
        window.acquire();
        String kiosk = kiosk(k);
        MqttMessage m = new MqttMessage(envelope(site, kiosk, seq, System.currentTimeMillis()));
        m.setQos(1);
        clients.get(c).publish("kiosk/v1/" + site + "/" + kiosk + "/events/rating.submitted", m, null, new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                window.release();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable e) {
                window.release();
            }
        });
    }

    /** Every kiosk's events {@code 1..perKiosk}, round robin over the kiosks, as fast as the broker takes them. */
    void burst(int kiosks, int perKiosk) throws InterruptedException, MqttException {
        for (long s = 1; s <= perKiosk; s++) {
            for (int k = 0; k < kiosks; k++) {
                publish(k, s);
            }
        }
        drain();
    }

    /** Waits until every publish was acknowledged by the broker. */
    void drain() throws InterruptedException {
        for (Semaphore w : windows) {
            if (!w.tryAcquire(WINDOW, 120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("broker stopped acknowledging");
            }
            w.release(WINDOW);
        }
    }

    @Override
    public void close() {
        for (MqttAsyncClient c : clients) {
            try {
                c.disconnect().waitForCompletion(5_000);
                c.close();
            } catch (MqttException ignored) {
                // the broker goes away with the benchmark
            }
        }
    }
}

package org.openhall.kiosk.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openhall.kiosk.testing.OutboxRig.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhall.kiosk.config.KioskConfig;
import org.openhall.kiosk.events.EventType;
import org.openhall.kiosk.mqtt.MqttLink;
import org.openhall.kiosk.telemetry.SystemProbe;
import org.openhall.kiosk.telemetry.Telemetry;
import org.openhall.kiosk.telemetry.TelemetryInputs;
import org.openhall.kiosk.testing.Mosquitto;
import org.openhall.kiosk.testing.MqttProbe;
import org.openhall.kiosk.testing.OutboxRig;
import org.openhall.kiosk.testing.TestKiosk;

/** The outbox and the link against a real mosquitto: outages, restarts, a full outbox. */
class OutboxDeliveryIT {
    private static final String EVENTS = "kiosk/v1/test/rig-01/events/#";

    @TempDir
    Path tmp;

    private KioskConfig config(String url, String extra) {
        return TestKiosk.config(TestKiosk.baseToml("rig-01", tmp.resolve("data"), url) + extra);
    }

    @Test
    void eventsAcceptedDuringAnOutageAllArriveInOrderOfSeqWithinPriority() {
        try (Mosquitto broker = Mosquitto.startPersistent(tmp.resolve("broker"));
                MqttProbe centre = MqttProbe.persistent(broker.url(), "centre-outage", EVENTS);
                OutboxRig rig = OutboxRig.start(config(broker.url(), ""), Clock.systemUTC(), MqttLink.RELAY_WINDOW)) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(rig.link()::connected);
            broker.stopProcess();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !rig.link().connected());

            EventType[] mix = {EventType.TICKET_ISSUED, EventType.TELEMETRY, EventType.RATING_SUBMITTED, EventType.ALERT};
            int appended = 0;
            for (int batch = 0; batch < 20; batch++) {
                int base = appended;
                appended += rig.database().transaction(tx -> {
                    for (int i = 0; i < 25; i++) {
                        tx.append(mix[(base + i) % mix.length], data("n", base + i));
                    }
                    return 25;
                });
            }
            assertThat(rig.outbox().depth()).as("all accepted while the broker is down").isEqualTo(appended);

            broker.startProcess();
            int total = appended;
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> firstArrivals(centre).size() >= total);

            List<JsonNode> order = new ArrayList<>(firstArrivals(centre).values());
            assertThat(order).hasSize(total);
            assertThat(order).extracting(e -> e.get("seq").asLong()).doesNotHaveDuplicates();
            List<Integer> classes = order.stream().map(e -> EventTypes.priority(e.get("type").asText())).toList();
            assertThat(classes).as("alerts, then tickets and ratings, then telemetry").isSorted();
            Map<Integer, Long> lastSeqByClass = new HashMap<>();
            for (JsonNode e : order) {
                int cls = EventTypes.priority(e.get("type").asText());
                long seq = e.get("seq").asLong();
                assertThat(seq).as("oldest first within class").isGreaterThan(lastSeqByClass.getOrDefault(cls, 0L));
                lastSeqByClass.put(cls, seq);
            }
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> rig.outbox().depth() == 0);
        }
    }

    @Test
    void brokerRestartsDuringSteadyTrafficLoseNothing() throws Exception {
        try (Mosquitto broker = Mosquitto.startPersistent(tmp.resolve("broker"));
                MqttProbe centre = MqttProbe.persistent(broker.url(), "centre-restarts", EVENTS);
                OutboxRig rig = OutboxRig.start(config(broker.url(), ""), Clock.systemUTC(), MqttLink.RELAY_WINDOW)) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(rig.link()::connected);
            AtomicBoolean appending = new AtomicBoolean(true);
            AtomicLong lastSeq = new AtomicLong();
            Thread writer = Thread.ofPlatform().start(() -> {
                int i = 0;
                while (appending.get()) {
                    lastSeq.set(rig.append(EventType.RATING_SUBMITTED, data("n", i++)).seq());
                    sleep(5);
                }
            });
            for (int restart = 0; restart < 3; restart++) {
                sleep(500);
                broker.stopProcess();
                sleep(300 + 400L * restart);
                broker.startProcess();
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(rig.link()::connected);
            }
            sleep(500);
            appending.set(false);
            writer.join();
            long last = lastSeq.get();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> firstArrivals(centre).size() >= last);
            assertThat(firstArrivals(centre).keySet()).as("gapless").hasSize((int) last).allMatch(s -> s >= 1 && s <= last);
            assertThat(rig.link().reconnects()).as("connection losses seen").isGreaterThanOrEqualTo(3);
            List<Long> seqs = firstArrivals(centre).keySet().stream().toList();
            assertThat(seqs).as("first arrivals in seq order").isSorted();
        }
    }

    @Test
    void fullOutboxDropsOldestTelemetryFirstThenRefusesBusinessWithOneAlert() {
        Mosquitto broker = Mosquitto.startPersistent(tmp.resolve("broker"));
        MqttProbe centre = MqttProbe.persistent(broker.url(), "centre-full", EVENTS);
        broker.stopProcess();
        try (broker;
                centre;
                OutboxRig rig = OutboxRig.start(config(broker.url(), "[outbox]\nmax_events = 1000\n"), Clock.systemUTC(),
                        MqttLink.RELAY_WINDOW)) {
            Outbox outbox = rig.outbox();
            outbox.database().transaction(tx -> {
                for (int i = 0; i < 600; i++) {
                    tx.append(EventType.TELEMETRY, data("n", i));
                }
                for (int i = 0; i < 400; i++) {
                    tx.append(EventType.TICKET_ISSUED, data("n", i));
                }
                return null;
            });
            assertThat(outbox.depth()).isEqualTo(1000);
            outbox.database().transaction(tx -> {
                for (int i = 400; i < 1000; i++) {
                    tx.append(EventType.TICKET_ISSUED, data("n", i));
                }
                return null;
            });
            assertThat(outbox.depth()).as("tickets pushed out all telemetry").isEqualTo(1000);
            assertThat(outbox.stats().droppedCapacity()).isEqualTo(600);

            long depthBefore = outbox.depth();
            assertThatThrownBy(() -> rig.append(EventType.TICKET_ISSUED, data("n", "refused")))
                    .isInstanceOf(OutboxFullException.class).hasMessageContaining("outbox full");
            assertThatThrownBy(() -> rig.append(EventType.RATING_SUBMITTED, data("n", "refused")))
                    .isInstanceOf(OutboxFullException.class);
            assertThatThrownBy(() -> rig.append(EventType.TELEMETRY, data("n", "refused")))
                    .as("no telemetry left to push out").isInstanceOf(OutboxFullException.class);
            assertThat(outbox.depth()).as("only the outbox_full alert was added").isEqualTo(depthBefore + 1);
            assertThat(outbox.stats().refused()).isEqualTo(3);
            rig.append(EventType.ALERT, data("kind", "printer", "message", "alerts still pass"));

            Telemetry telemetry = new Telemetry(rig.database(), new TelemetryInputs(outbox::stats, rig.link()::reconnects,
                    () -> "none", () -> 0, () -> 0), SystemProbe.of(tmp), OutboxRig.JSON, Clock.systemUTC());
            JsonNode report = telemetry.snapshot();
            assertThat(report.at("/outbox/dropped").asLong()).isEqualTo(600);
            assertThat(report.at("/outbox/refused").asLong()).isEqualTo(3);

            broker.startProcess();
            {
                JsonNode alert = centre.awaitEvent("alert", e -> e.at("/data/kind").asText().equals("outbox_full"), Duration.ofSeconds(20));
                assertThat(alert.at("/data/message").asText()).contains("refused");
                centre.awaitCount(r -> r.topic().endsWith("/events/ticket.issued"), 1000, Duration.ofSeconds(30));
                assertThat(centre.events("alert")).filteredOn(e -> e.at("/data/kind").asText().equals("outbox_full")).hasSize(1);
                assertThat(centre.events("ticket.issued")).extracting(e -> e.at("/data/n").asText()).doesNotContain("refused");
                assertThat(centre.events("telemetry")).isEmpty();
            }
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> outbox.depth() == 0);
            rig.append(EventType.TICKET_ISSUED, data("n", "after"));
        }
    }

    /** The first arrival of each seq, in arrival order. */
    private static Map<Long, JsonNode> firstArrivals(MqttProbe centre) {
        Map<Long, JsonNode> first = new LinkedHashMap<>();
        for (MqttProbe.Received r : centre.received()) {
            JsonNode e = r.json();
            first.putIfAbsent(e.get("seq").asLong(), e);
        }
        return first;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class EventTypes {
        static int priority(String wire) {
            for (EventType t : EventType.values()) {
                if (t.wireName().equals(wire)) {
                    return t.priority().ordinal();
                }
            }
            throw new IllegalArgumentException(wire);
        }
    }
}

package org.openhall.kiosk.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhall.kiosk.testing.Mosquitto;
import org.openhall.kiosk.testing.MqttProbe;
import org.openhall.kiosk.testing.TestKiosk;

/**
 * The documentation cannot drift: every message a real kiosk publishes here (status and each event it
 * emits) is validated against docs/schemas. The kiosk is provoked into every event type the code can make
 * so far; types whose issue has not landed yet are validated as soon as they appear.
 */
class EventSchemaIT {
    private static final Path SCHEMAS = Path.of("..", "docs", "schemas").toAbsolutePath().normalize();
    /** A stand-in base IRI served from docs/schemas, so relative $refs (envelope.json) resolve offline. */
    private static final String BASE = "https://schemas.kiosk.test/";
    private static final String T = "kiosk/v1/test/schema-01";
    private static final String DEVICES = """
            [[queue.categories]]
            code = "A"
            name = "综合受理"
            name_en = "General affairs"
            [[queue.categories]]
            code = "B"
            name = "社保医保"
            [[evaluators]]
            window = "1"
            buttons = { satisfied = 5, dissatisfied = 6 }
            """;

    @TempDir
    Path tmp;

    @Test
    void everyEmittedMessageMatchesItsDocumentedSchema() throws Exception {
        SchemaRegistry registry = registry();
        Path data = tmp.resolve("data");
        Files.createDirectories(data);
        byte[] garbage = new byte[8192];
        new Random(1).nextBytes(garbage);
        Files.write(data.resolve("kiosk.db"), garbage); // provokes the database_corrupt alert

        List<MqttProbe.Received> received;
        try (Mosquitto broker = Mosquitto.start(tmp.resolve("broker"));
                MqttProbe centre = new MqttProbe(broker.url(), T + "/#")) {
            try (TestKiosk kiosk = TestKiosk.start("schema-01", data, broker.url(), DEVICES)) {
                centre.awaitEvent("alert", e -> true, Duration.ofSeconds(15));
                kiosk.http().post("/api/tickets", "{\"category\":\"A\",\"priority\":false}");
                kiosk.http().post("/api/ratings", "{\"window\":\"1\",\"level\":\"satisfied\"}");
                command(centre, "ping", "{\"id\":\"c1\"}");
                command(centre, "telemetry", "{\"id\":\"c2\"}");
                kiosk.http().post("/api/tickets", "{\"category\":\"A\",\"priority\":false}");
                command(centre, "call", "{\"id\":\"c3\",\"window\":\"1\"}");
                command(centre, "recall", "{\"id\":\"c6\",\"window\":\"1\"}");
                command(centre, "no-show", "{\"id\":\"c7\",\"window\":\"1\"}");
                // the garbage file was quarantined with an unknown loss, so today's numbers start at A1000
                String noShow = centre.awaitEvent("ticket.no_show", e -> true, Duration.ofSeconds(10)).at("/data/number").asText();
                command(centre, "call", "{\"id\":\"c8\",\"window\":\"1\",\"number\":\"" + noShow + "\"}");
                command(centre, "transfer", "{\"id\":\"c9\",\"window\":\"1\",\"category\":\"B\"}");
                command(centre, "call", "{\"id\":\"c10\",\"window\":\"1\"}");
                command(centre, "complete", "{\"id\":\"c11\",\"window\":\"1\"}");
                command(centre, "pause", "{\"id\":\"c12\",\"window\":\"1\"}");
                command(centre, "resume", "{\"id\":\"c13\",\"window\":\"1\"}");
                command(centre, "print-test", "{\"id\":\"c4\"}");
                command(centre, "no-such-command", "{\"id\":\"c5\"}");
                command(centre, "ping", "not json");
                centre.awaitCount(r -> r.topic().endsWith("/events/command.result"), 14, Duration.ofSeconds(20));
                centre.awaitEvent("telemetry", e -> true, Duration.ofSeconds(10));
            }
            centre.awaitCount(r -> r.topic().endsWith("/status") && r.text().contains("\"offline\""), 1, Duration.ofSeconds(10));
            received = centre.received().stream().filter(r -> !r.topic().contains("/cmd/")).toList();
        }

        Map<String, Integer> seen = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (MqttProbe.Received r : received) {
            String kind = r.topic().endsWith("/status") ? "status" : r.topic().substring(r.topic().lastIndexOf('/') + 1);
            if (!r.topic().endsWith("/status")) {
                assertThat(r.json().get("type").asText()).as("envelope type matches the topic").isEqualTo(kind);
            }
            seen.merge(kind, 1, Integer::sum);
            List<Error> errors = schema(registry, kind).validate(r.text(), InputFormat.JSON);
            errors.forEach(e -> failures.add(kind + ": " + e.getMessage() + " in " + r.text()));
        }
        System.out.println("EventSchemaIT validated " + received.size() + " messages by type: " + seen);
        assertThat(failures).isEmpty();
        assertThat(seen.keySet()).contains("status", "alert", "command.result", "telemetry", "ticket.called",
                "ticket.no_show", "ticket.transferred", "ticket.completed", "window.paused", "window.resumed");
    }

    @Test
    void everyEventTypeHasASchemaThatRejectsAWrongPayload() throws Exception {
        SchemaRegistry registry = registry();
        TreeSet<String> documented = new TreeSet<>();
        for (EventType type : EventType.values()) {
            Schema schema = schema(registry, type.wireName());
            documented.add(type.wireName());
            String wrong = """
                    {"v":1,"id":"3f0c0000-0000-4000-8000-000000000000","kiosk":"k","site":"s","seq":0,
                     "type":"%s","time":"2026-03-08T09:15:02.123+08:00","data":{}}""".formatted(type.wireName());
            assertThat(schema.validate(wrong, InputFormat.JSON)).as(type.wireName() + " rejects seq 0").isNotEmpty();
        }
        assertThat(Files.readString(Path.of("..", "docs", "mqtt.md"))).contains(documented);
    }

    private static void command(MqttProbe centre, String name, String payload) {
        centre.publish(T + "/cmd/" + name, payload);
    }

    private static SchemaRegistry registry() {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, builder -> builder.schemas(iri -> {
            if (!iri.startsWith(BASE)) {
                return null;
            }
            try {
                return Files.readString(SCHEMAS.resolve(iri.substring(BASE.length())));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }));
    }

    private static Schema schema(SchemaRegistry registry, String kind) {
        assertThat(SCHEMAS.resolve(kind + ".json")).as("a schema for " + kind).exists();
        return registry.getSchema(SchemaLocation.of(BASE + kind + ".json"));
    }
}

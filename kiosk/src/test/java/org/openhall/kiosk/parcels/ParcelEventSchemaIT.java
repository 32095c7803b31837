package org.openhall.kiosk.parcels;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhall.kiosk.testing.Mosquitto;
import org.openhall.kiosk.testing.MqttProbe;
import org.openhall.kiosk.testing.TestKiosk;

/**
 * The parcel events a real kiosk publishes (registered, handed over, the workers command's result) match
 * docs/schemas, and the schemas refuse what the contract forbids (an unmasked name outside {@code personal}).
 */
class ParcelEventSchemaIT {
    private static final Path SCHEMAS = Path.of("..", "docs", "schemas").toAbsolutePath().normalize();
    private static final String BASE = "https://schemas.kiosk.test/";
    private static final String T = "kiosk/v1/test/schema-p1";

    @TempDir
    Path tmp;

    @Test
    void realParcelEventsMatchTheirSchemas() throws Exception {
        Files.writeString(tmp.resolve("w3.token"), "window-three-secret");
        String windows = "[[windows]]\nid = \"3\"\ntoken_file = \"" + tmp.resolve("w3.token") + "\"\n";
        List<MqttProbe.Received> received;
        try (Mosquitto broker = Mosquitto.start(tmp.resolve("broker"));
                MqttProbe centre = new MqttProbe(broker.url(), T + "/#");
                TestKiosk kiosk = TestKiosk.start("schema-p1", tmp.resolve("data"), broker.url(), TestKiosk.TWO_CATEGORIES + windows)) {
            centre.awaitCount(r -> r.topic().endsWith("/status") && r.text().contains("online"), 1, Duration.ofSeconds(15));
            centre.publish(T + "/cmd/workers", "{\"id\":\"w1\",\"workers\":[{\"id\":\"W01\",\"name\":\"李四\"}]}");
            centre.awaitEvent("command.result", e -> true, Duration.ofSeconds(10));
            ParcelService parcels = kiosk.kiosk().parcels();
            Parcel p = parcels.register(ParcelInput.of("户籍证明", "欧阳晓荣", "0571-88234567", "幸福小区", null), "3");
            Handover h = parcels.startHandover("3", "W01");
            parcels.scan("3", h.handoverId(), p.parcelId());
            parcels.confirm("3", h.handoverId());
            centre.awaitEvent("parcel.handed_over", e -> true, Duration.ofSeconds(10));
            received = centre.received().stream().filter(r -> r.topic().contains("/events/")).toList();
        }
        SchemaRegistry registry = registry();
        List<String> failures = new ArrayList<>();
        int parcelEvents = 0;
        for (MqttProbe.Received r : received) {
            String type = r.topic().substring(r.topic().lastIndexOf('/') + 1);
            parcelEvents += type.startsWith("parcel.") ? 1 : 0;
            registry.getSchema(SchemaLocation.of(BASE + type + ".json")).validate(r.text(), InputFormat.JSON)
                    .forEach(e -> failures.add(type + ": " + e.getMessage()));
        }
        assertThat(parcelEvents).isEqualTo(2);
        assertThat(failures).isEmpty();
        String registered = received.stream().filter(r -> r.topic().endsWith("parcel.registered")).findFirst().orElseThrow().text();
        assertThat(registered).contains("\"residentName\":\"欧**荣\"", "\"phone\":\"057*****4567\"");
        String unmasked = registered.replace("\"residentName\":\"欧**荣\"", "\"residentName\":\"欧阳晓荣\"");
        assertThat(registry.getSchema(SchemaLocation.of(BASE + "parcel.registered.json")).validate(unmasked, InputFormat.JSON))
                .as("a full name outside personal is refused").isNotEmpty();
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
}

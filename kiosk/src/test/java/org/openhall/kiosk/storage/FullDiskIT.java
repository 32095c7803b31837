package org.openhall.kiosk.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhall.kiosk.testing.Http;
import org.openhall.kiosk.testing.KioskProcess;
import org.openhall.kiosk.testing.Mosquitto;
import org.openhall.kiosk.testing.MqttProbe;
import org.openhall.kiosk.testing.TestKiosk;

/**
 * The data dir on a 2 MB tmpfs that fills up and frees again, with the daemon as the service runs it: tickets
 * are refused with 503 storage_full while nothing fits, health says so, and once the junk is gone tickets are
 * taken again at once, the storage alert reports the episode and every ticket committed before is delivered.
 */
class FullDiskIT {
    private static final String T = "kiosk/v1/test/full-01";

    @TempDir
    Path tmp;

    @Test
    void aFullDiskRefusesTicketsReportsItAndRecoversWithoutRestart() throws Exception {
        Path data = tmp.resolve("data");
        Files.createDirectories(data);
        run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", data.toString());
        try (Mosquitto broker = Mosquitto.start(tmp.resolve("broker"));
                MqttProbe centre = new MqttProbe(broker.url(), T + "/events/#")) {
            String toml = TestKiosk.baseToml("full-01", data, broker.url()) + TestKiosk.TWO_CATEGORIES;
            try (KioskProcess kiosk = KioskProcess.start(tmp.resolve("kiosk"), toml)) {
                Http http = kiosk.http();
                Set<String> committed = new java.util.HashSet<>();
                for (int i = 0; i < 20; i++) {
                    committed.add(issue(http, 201).get("ticketId").asText());
                }
                assertThat(http.get("/api/health").json().get("status").asText()).isEqualTo("ok");

                Path junk = data.resolve("junk.bin");
                fill(junk, data);
                int refusedAfter = -1;
                for (int i = 0; i < 5_000 && refusedAfter < 0; i++) {
                    Http.Answer a = http.post("/api/tickets", "{\"category\":\"A\"}");
                    if (a.status() == 201) {
                        committed.add(a.json().get("ticketId").asText());
                    } else {
                        System.out.println("first refusal: " + a.body() + "; " + kiosk.logLines("ticket refused"));
                        assertThat(a.status()).isEqualTo(503);
                        assertThat(a.json().get("error").asText()).isEqualTo("storage_full");
                        refusedAfter = i;
                    }
                }
                assertThat(refusedAfter).as("a full disk refuses tickets").isGreaterThanOrEqualTo(0);
                System.out.printf("disk full: %d tickets still fitted before the first storage_full%n", refusedAfter);
                issue(http, 503);
                JsonNode health = http.get("/api/health").json();
                System.out.println("health while full: " + health);
                assertThat(health.get("status").asText()).isEqualTo("degraded");
                assertThat(health.get("problems")).extracting(JsonNode::asText).contains("storage_full");

                Thread.sleep(2_000); // an episode long enough to be measured
                issue(http, 503);
                Files.delete(junk);
                JsonNode again = issue(http, 201);
                committed.add(again.get("ticketId").asText());
                JsonNode alert = centre.awaitEvent("alert", e -> e.at("/data/kind").asText().equals("storage"),
                        Duration.ofSeconds(20));
                System.out.println("storage alert: " + alert.get("data"));
                assertThat(alert.at("/data/ticketsRefused").asLong()).isGreaterThanOrEqualTo(3);
                assertThat(alert.at("/data/failedForS").asLong()).isGreaterThanOrEqualTo(2);
                Awaitility.await().atMost(Duration.ofSeconds(10))
                        .until(() -> http.get("/api/health").json().get("status").asText().equals("ok"));
                assertThat(http.get("/api/health").json().get("problems")).isEmpty();

                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> delivered(centre).containsAll(committed));
                assertThat(kiosk.alive()).isTrue();
                assertThat(kiosk.stop()).isZero();
            }
        } finally {
            run("umount", "-l", data.toString());
        }
    }

    private static JsonNode issue(Http http, int status) {
        Http.Answer a = http.post("/api/tickets", "{\"category\":\"A\"}");
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        return a.json();
    }

    private static Set<String> delivered(MqttProbe centre) {
        return centre.events("ticket.issued").stream().map(e -> e.at("/data/ticketId").asText()).collect(Collectors.toSet());
    }

    /** Fills the file system with junk, 4 KiB at a time, until nothing more fits. */
    private static void fill(Path junk, Path dir) throws IOException {
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(junk)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            assertThat(Files.getFileStore(dir).getUsableSpace()).isLessThan(8192);
        }
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
    }
}

package org.openhall.kiosk.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhall.kiosk.testing.Http;
import org.openhall.kiosk.testing.KioskProcess;
import org.openhall.kiosk.testing.Mosquitto;
import org.openhall.kiosk.testing.MqttProbe;
import org.openhall.kiosk.testing.PrinterEmulator;
import org.openhall.kiosk.testing.PtyPair;
import org.openhall.kiosk.testing.TestKiosk;

/**
 * An hour of a hall's life compressed into two minutes, under mixed abuse, against the daemon as the service
 * runs it ({@code deploy/bin/kiosk}: -Xmx64m, ExitOnOutOfMemoryError) with its data dir on a small tmpfs: residents
 * take tickets and rate, a button is pressed every second, and meanwhile hostile HTTP clients, junk commands,
 * two broker outages and a full-disk episode. Afterwards every acknowledged ticket and rating has arrived, no seq
 * was used for two events, the seqs are gapless, and heap and file descriptors are back where they started.
 * {@code -Dsoak.seconds=N} runs it longer.
 */
class SoakIT {
    private static final String ID = "soak-01";
    private static final String T = "kiosk/v1/test/" + ID;
    private static final Duration RUN = Duration.ofSeconds(Long.getLong("soak.seconds", 120));
    private static final String EVALUATOR = """
            [[evaluators]]
            window = "1"
            buttons = { satisfied = 5, dissatisfied = 6 }
            lockout_s = 0
            """;

    @TempDir
    Path tmp;

    @Test
    void anHourOfMixedAbuseLosesNothingAndLeaksNothing() throws Exception {
        Path data = tmp.resolve("data");
        Files.createDirectories(data);
        Shell.run("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", data.toString());
        try (PtyPair pty = PtyPair.start();
                PrinterEmulator printer = PrinterEmulator.open(pty.far());
                Mosquitto broker = Mosquitto.startPersistent(tmp.resolve("broker"));
                MqttProbe centre = MqttProbe.persistent(broker.url(), "soak-centre", T + "/events/#");
                MqttProbe hostile = MqttProbe.persistent(broker.url(), "soak-hostile")) {
            // the printer is a pty outside the data dir, so a full disk refuses tickets for storage, not for paper
            String toml = TestKiosk.baseToml(ID, data, broker.url()) + TestKiosk.TWO_CATEGORIES + EVALUATOR
                    + "[printer]\nport = \"" + pty.near() + "\"\n";
            try (KioskProcess kiosk = KioskProcess.startSimulated(tmp.resolve("kiosk"), toml)) {
                Http http = kiosk.http();
                awaitDrained(http);
                SoakLoad load = new SoakLoad(http, kiosk.http().port(), hostile, T);
                load.warmUp();
                awaitDrained(http);
                ProcessFigures before = ProcessFigures.of(kiosk.pid());

                runTimeline(load, broker, data);

                awaitDrained(http);
                JsonNode last = load.finalTicket();
                load.closeAbusers();
                // the server drops stalled streams and half-sent requests on its own timers: give them 30 s
                Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> ProcessFigures.fdsOf(kiosk.pid()) <= before.fds() + 4);
                ProcessFigures after = ProcessFigures.of(kiosk.pid());

                Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                        .until(() -> delivered(centre, "ticket.issued", "/data/ticketId").contains(last.get("ticketId").asText()));
                Map<Long, String> idBySeq = idsBySeq(centre);
                long lastSeq = seqOf(centre, last.get("ticketId").asText());
                Set<String> ticketsDelivered = delivered(centre, "ticket.issued", "/data/ticketId");
                long terminalRatings = distinctEvents(centre, "rating.submitted", "terminal");
                long buttonRatings = distinctEvents(centre, "rating.submitted", "button");

                load.report(System.out);
                System.out.printf("events: %d distinct seqs up to %d; tickets delivered %d of %d acknowledged; terminal ratings"
                        + " %d delivered of %d acknowledged; button ratings %d from %d presses%n", idBySeq.size(), lastSeq,
                        ticketsDelivered.size(), load.ticketsAcknowledged().size(), terminalRatings, load.ratingsAcknowledged(),
                        buttonRatings, load.pressesScheduled());
                // a press the evaluator refused (a lockout, a full card) says so in the daemon's log
                System.out.println("button presses refused or lost, by the daemon's log: "
                        + kiosk.logLines("rating (button) refused") + kiosk.logLines("rating not recorded")
                        + kiosk.logLines("rating refused"));
                System.out.println("before: " + before);
                System.out.println("after:  " + after);

                assertThat(kiosk.alive()).as("the daemon lived through it: " + kiosk.logLines("OutOfMemory")).isTrue();
                assertThat(load.serverErrors()).as("no 500s, only 503 during the full disk").isEmpty();
                assertThat(ticketsDelivered).containsAll(load.ticketsAcknowledged());
                assertThat(terminalRatings).isGreaterThanOrEqualTo(load.ratingsAcknowledged());
                // a WAL that already has its bounded size takes commits on a full disk for a while (the pages are
                // reused), so the episode may refuse nothing; whatever it refused must be reported when it ends
                if (load.storageRefusals() > 0) {
                    assertThat(centre.events("alert")).anyMatch(a -> a.at("/data/kind").asText().equals("storage"));
                }
                for (long seq = 1; seq <= lastSeq; seq++) {
                    assertThat(idBySeq).as("seq %d arrived", seq).containsKey(seq);
                }
                assertThat(after.fds()).as("file descriptors").isLessThanOrEqualTo(before.fds() + 4);
                assertThat(after.heapUsedKb()).as("heap after a full GC").isLessThanOrEqualTo(before.heapUsedKb() + 4_096);
                assertThat(kiosk.stop()).isZero();
            }
        } finally {
            Shell.run("umount", "-l", data.toString());
        }
    }

    /** The hour: load all along, the broker away twice, the disk full once. */
    private void runTimeline(SoakLoad load, Mosquitto broker, Path data) throws Exception {
        long runMs = RUN.toMillis();
        ExecutorService actors = Executors.newVirtualThreadPerTaskExecutor();
        long end = System.currentTimeMillis() + runMs;
        List<Future<?>> running = new ArrayList<>();
        running.add(actors.submit(() -> load.residents(end)));
        running.add(actors.submit(() -> load.presser(end)));
        running.add(actors.submit(() -> load.httpAbuse(end)));
        running.add(actors.submit(() -> load.junkCommands(end)));
        try {
            sleepUntil(end - runMs * 80 / 100);
            flap(broker);
            sleepUntil(end - runMs * 60 / 100);
            fullDisk(data, Duration.ofSeconds(10));
            sleepUntil(end - runMs * 35 / 100);
            flap(broker);
            for (Future<?> actor : running) {
                actor.get(runMs + 30_000, TimeUnit.MILLISECONDS);
            }
        } finally {
            actors.shutdownNow();
            if (!broker.running()) {
                broker.startProcess();
            }
        }
    }

    private static void flap(Mosquitto broker) throws InterruptedException {
        broker.stopProcess();
        Thread.sleep(4_000);
        broker.startProcess();
    }

    private static void fullDisk(Path data, Duration episode) throws Exception {
        Path junk = data.resolve("junk.bin");
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(junk)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            // the file system is full now
        }
        Thread.sleep(episode.toMillis());
        Files.delete(junk);
    }

    private static void sleepUntil(long epochMs) throws InterruptedException {
        long wait = epochMs - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

    private static void awaitDrained(Http http) {
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> {
                    JsonNode h = http.get("/api/health").json();
                    return h.get("mqtt").asText().equals("connected") && h.get("outboxDepth").asLong() == 0;
                });
    }

    private static Map<Long, String> idsBySeq(MqttProbe centre) {
        Map<Long, String> bySeq = new TreeMap<>();
        for (MqttProbe.Received r : centre.received()) {
            JsonNode e = r.json();
            String earlier = bySeq.putIfAbsent(e.get("seq").asLong(), e.get("id").asText());
            assertThat(earlier == null || earlier.equals(e.get("id").asText()))
                    .as("seq %d carried two events: %s and %s", e.get("seq").asLong(), earlier, e.get("id").asText()).isTrue();
        }
        return bySeq;
    }

    private static long seqOf(MqttProbe centre, String ticketId) {
        return centre.events("ticket.issued").stream().filter(e -> e.at("/data/ticketId").asText().equals(ticketId))
                .findFirst().orElseThrow().get("seq").asLong();
    }

    private static Set<String> delivered(MqttProbe centre, String type, String pointer) {
        Set<String> out = ConcurrentHashMap.newKeySet();
        centre.events(type).forEach(e -> out.add(e.at(pointer).asText()));
        return out;
    }

    private static long distinctEvents(MqttProbe centre, String type, String channel) {
        return centre.events(type).stream().filter(e -> e.at("/data/channel").asText().equals(channel))
                .map(e -> e.get("id").asText()).distinct().count();
    }
}

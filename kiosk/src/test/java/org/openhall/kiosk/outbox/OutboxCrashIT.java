package org.openhall.kiosk.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhall.kiosk.testing.Mosquitto;
import org.openhall.kiosk.testing.MqttProbe;

/**
 * kill -9 of a daemon process in the middle of a burst of commits and in the middle of a drain, ten times
 * on the same data dir; then one more daemon drains what is left. Every event whose commit was reported
 * reaches the broker, seq is gapless from 1, and a seq seen twice always carries the same id.
 */
class OutboxCrashIT {
    private static final int ROUNDS = 10;
    private static final int DRAIN = 6_000;

    @TempDir
    Path tmp;

    @Test
    void killNineDuringBurstsAndDrainsLosesNothingCommitted() throws Exception {
        Path data = tmp.resolve("data");
        Random random = new Random(20260308);
        Map<Long, String> reported = new ConcurrentHashMap<>();
        List<String> kills = new ArrayList<>();
        int killsWithBacklog = 0;
        try (Mosquitto broker = Mosquitto.start(tmp.resolve("broker"));
                MqttProbe centre = new MqttProbe(broker.url(), "kiosk/v1/test/crash-01/events/#")) {
            for (int round = 0; round < ROUNDS; round++) {
                boolean duringDrain = round % 2 == 1;
                try (Child child = Child.start(data, broker.url(), duringDrain ? DRAIN : 100_000, duringDrain ? 500 : 1, !duringDrain)) {
                    if (duringDrain) {
                        // the whole backlog is committed before the link starts: kill once part of it arrived
                        child.awaitLine("APPENDED");
                        int arrivedBefore = centre.received().size();
                        int part = DRAIN * random.nextInt(10, 70) / 100;
                        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(1))
                                .until(() -> centre.received().size() >= arrivedBefore + part);
                    } else {
                        child.awaitReported(random.nextInt(20, 400));
                    }
                    child.kill9();
                    reported.putAll(child.reported);
                    long maxReported = reported.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
                    long delivered = distinctSeqs(centre).size();
                    kills.add((duringDrain ? "drain" : "burst") + ": committed up to " + maxReported + ", delivered " + delivered);
                    if (delivered < maxReported) {
                        killsWithBacklog++;
                    }
                }
            }
            long maxReported = reported.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
            try (Child last = Child.start(data, broker.url(), 0, 1, true)) {
                Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                        .until(() -> allUpTo(distinctSeqs(centre), maxReported));
                Thread.sleep(500); // whatever else was committed unreported is on its way too
            }
            System.out.println("OutboxCrashIT kills: " + String.join("; ", kills));

            Map<Long, Set<String>> idsBySeq = new TreeMap<>();
            int messages = 0;
            for (MqttProbe.Received r : centre.received()) {
                JsonNode e = r.json();
                idsBySeq.computeIfAbsent(e.get("seq").asLong(), k -> new HashSet<>()).add(e.get("id").asText());
                messages++;
            }
            long maxSeen = ((TreeMap<Long, Set<String>>) idsBySeq).lastKey();
            System.out.println("OutboxCrashIT: " + reported.size() + " commits reported, " + idsBySeq.size()
                    + " distinct seqs delivered (max " + maxSeen + "), " + (messages - idsBySeq.size()) + " redeliveries");

            assertThat(idsBySeq.keySet()).as("seq gapless from 1").hasSize((int) maxSeen).allMatch(s -> s >= 1 && s <= maxSeen);
            assertThat(idsBySeq).as("a redelivered seq keeps its id").allSatisfy((seq, ids) -> assertThat(ids).hasSize(1));
            reported.forEach((seq, id) -> assertThat(idsBySeq.get(seq)).as("reported seq %d delivered with its id", seq).containsExactly(id));
            assertThat(killsWithBacklog).as("kills that hit undelivered events").isGreaterThanOrEqualTo(ROUNDS / 2);
        }
    }

    private static Set<Long> distinctSeqs(MqttProbe centre) {
        Set<Long> seqs = new HashSet<>();
        for (MqttProbe.Received r : centre.received()) {
            seqs.add(r.json().get("seq").asLong());
        }
        return seqs;
    }

    private static boolean allUpTo(Set<Long> seqs, long max) {
        for (long s = 1; s <= max; s++) {
            if (!seqs.contains(s)) {
                return false;
            }
        }
        return true;
    }

    /** One daemon process: the shaded jar plus the test classes, the driver as main class. */
    private static final class Child implements AutoCloseable {
        private final Process process;
        final Map<Long, String> reported = new ConcurrentHashMap<>();
        private final Map<String, CountDownLatch> lines = new HashMap<>();
        private final CountDownLatch appended = new CountDownLatch(1);

        private Child(Process process) {
            this.process = process;
            Thread.ofPlatform().daemon().name("child-out").start(this::read);
        }

        static Child start(Path data, String url, int count, int batch, boolean waitForLink) throws IOException {
            String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String classpath = kioskJar() + java.io.File.pathSeparator + testClasses();
            Process p = new ProcessBuilder(javaBin, "-Xmx64m", "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED",
                    "-cp", classpath, CrashDriver.class.getName(), data.toString(), url, String.valueOf(count), String.valueOf(batch),
                    String.valueOf(waitForLink))
                    .redirectErrorStream(true).start();
            return new Child(p);
        }

        private static String kioskJar() {
            Path jar = Path.of(System.getProperty("kiosk.jar", "target/kiosk.jar"));
            if (!Files.exists(jar)) {
                throw new IllegalStateException(jar + " missing: run through Failsafe (mvn verify), which packages first");
            }
            return jar.toString();
        }

        private static String testClasses() {
            try {
                return Path.of(CrashDriver.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            } catch (java.net.URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.startsWith("SEQ ")) {
                        String[] parts = line.split(" ");
                        reported.put(Long.parseLong(parts[1]), parts[2]);
                    } else if (line.equals("APPENDED")) {
                        appended.countDown();
                    } else if (line.contains("ERROR") || line.contains("Exception")) {
                        System.out.println("child: " + line);
                    }
                }
            } catch (IOException killed) {
                // the pipe closes when the process dies
            }
        }

        void awaitLine(String line) throws InterruptedException {
            if (!appended.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("child never printed " + line);
            }
        }

        void awaitReported(int count) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(2))
                    .until(() -> reported.size() >= count || !process.isAlive());
            assertThat(process.isAlive()).as("child alive before the kill").isTrue();
        }

        /** SIGKILL: no shutdown hook, no clean close of SQLite or of the MQTT session. */
        void kill9() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            Thread.sleep(50); // let the reader take the last lines the process wrote before it died
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                kill9();
            }
        }
    }
}

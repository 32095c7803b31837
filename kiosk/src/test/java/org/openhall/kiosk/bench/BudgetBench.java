package org.openhall.kiosk.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;
import org.openhall.kiosk.testing.FreePort;
import org.openhall.kiosk.testing.Http;
import org.openhall.kiosk.testing.Mosquitto;
import org.openhall.kiosk.testing.PrinterEmulator;
import org.openhall.kiosk.testing.PtyPair;

/**
 * The Raspberry Pi budget benchmark (docs/benchmarks.md, "Budget"), run only by
 * {@code ./mvnw -B -o -Pbench verify -Dbench=BudgetBench}: not a test, it asserts nothing and prints figures.
 *
 * <p>Starts the daemon as kiosk.service does, through {@code deploy/bin/kiosk} with {@code KIOSK_JAR} and
 * {@code CACHE_DIRECTORY} set, once for this tree and once for a previous release (a checkout with its own
 * launcher and built jar, {@code -Dbench.baseline=DIR}, default {@code /tmp/prev}). Both run in the same
 * benchmark, starts alternating and the long run side by side, so the ratios hold on a noisy machine.
 * Configuration: an evaluator with five buttons, two categories, the HTTP server, a real mosquitto; the
 * printer is a socat pty with the ESC/POS emulator on the far end, so printing writes nothing to a disk.
 * The data dirs lie under {@code kiosk/target} (a real disk: {@code write_bytes} is 0 on tmpfs).
 */
class BudgetBench {
    private static final Path WORK = Path.of("target", "budget-bench").toAbsolutePath();
    private static final int STARTS = Integer.getInteger("bench.starts", 10);
    private static final int IDLE_S = Integer.getInteger("bench.idle.s", 120);
    private static final int EVENTS = Integer.getInteger("bench.events", 30);
    private static final int HOUR_MINUTES = Integer.getInteger("bench.hour.minutes", 60);
    private static final long EVENT_SPACING_MS = 1_000;
    /** The hour's spacing: 1 s compresses it into a minute; 60000 runs the real hour of the goal. */
    private static final long HOUR_SPACING_MS = Long.getLong("bench.hour.spacing.ms", EVENT_SPACING_MS);
    /** Each data dir on its own loop-mounted ext4 ({@link Card}): "auto" where the machine allows it, or "false". */
    private static final boolean CARDS = !"false".equals(System.getProperty("bench.card", "auto")) && Card.available();

    record Variant(String name, Path launcher, Path jar) {}

    /** One figure for both variants, printed side by side with the ratio. */
    record Figure(String name, String unit, double current, double baseline) {
        String line() {
            String ratio = baseline == 0 ? (current == 0 ? "=" : "n/a") : String.format(Locale.ROOT, "%.2f", current / baseline);
            return String.format(Locale.ROOT, "%-42s %12s %12s %8s", name + " (" + unit + ")", num(current), num(baseline), ratio);
        }

        private static String num(double v) {
            return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
        }
    }

    @Test
    void run() throws Exception {
        Variant current = new Variant("current", Path.of("..", "deploy", "bin", "kiosk").toAbsolutePath(),
                Path.of(System.getProperty("kiosk.jar", "target/kiosk.jar")).toAbsolutePath());
        Path base = Path.of(System.getProperty("bench.baseline", "/tmp/prev"));
        Variant baseline = new Variant("baseline", base.resolve("deploy/bin/kiosk"), base.resolve("kiosk/target/kiosk.jar"));
        for (Variant v : List.of(current, baseline)) {
            if (!Files.isExecutable(v.launcher()) || !Files.isReadable(v.jar())) {
                throw new IllegalStateException(v.name() + ": need " + v.launcher() + " and " + v.jar());
            }
        }
        deleteTree(WORK);
        Files.createDirectories(WORK);
        List<Figure> figures = new ArrayList<>();
        try (Mosquitto broker = Mosquitto.start(WORK.resolve("broker"))) {
            Daemon.Rig a = Daemon.Rig.create(WORK, current, broker.url());
            Daemon.Rig b = Daemon.Rig.create(WORK, baseline, broker.url());
            try {
                // one start each before timing: creates the databases, unpacks the native libraries and,
                // where the launcher does so, builds the AOT cache on first start (as on a fresh device)
                a.startAndStop();
                b.startAndStop();
                Thread.sleep(2_000); // let a cache written at exit settle
                figures.addAll(startTimes(a, b, false));
                figures.addAll(startTimes(a, b, true));
                figures.addAll(longRun(a, b));
            } finally {
                a.close();
                b.close();
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%n==== BudgetBench (%d cpus, Java %s; baseline %s; %s) ====%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), base,
                CARDS ? "data dirs on loop-mounted ext4, 4 KiB blocks" : "no cards: write_bytes only"));
        out.append(String.format(Locale.ROOT, "%-42s %12s %12s %8s%n", "figure", "current", "baseline", "ratio"));
        figures.forEach(f -> out.append(f.line()).append('\n'));
        System.out.print(out);
        Files.writeString(WORK.resolve("report.txt"), out.toString());
    }

    private static List<Figure> startTimes(Daemon.Rig a, Daemon.Rig b, boolean oneCore) throws Exception {
        double[] ta = new double[STARTS];
        double[] tb = new double[STARTS];
        for (int i = 0; i < STARTS; i++) {
            ta[i] = a.timeToReady(oneCore);
            tb[i] = b.timeToReady(oneCore);
        }
        String where = oneCore ? " on one core (taskset -c 0)" : "";
        System.out.printf(Locale.ROOT, "starts%s: current %s baseline %s ms%n", where, Arrays.toString(ta), Arrays.toString(tb));
        return List.of(new Figure("ready, median of " + STARTS + where, "ms", median(ta), median(tb)));
    }

    private static List<Figure> longRun(Daemon.Rig a, Daemon.Rig b) throws Exception {
        List<Figure> out = new ArrayList<>();
        try (Daemon da = a.start(false); Daemon db = b.start(false)) {
            Thread.sleep(20_000);
            Daemon.Sample ia = da.sample();
            Daemon.Sample ib = db.sample();
            out.add(fig("RSS idle after 20 s", "MiB", ia, ib, s -> s.rssKb() / 1024.0));
            out.add(fig("threads idle", "count", ia, ib, s -> s.threads()));

            Thread.sleep(IDLE_S * 1000L);
            Daemon.Sample ia2 = da.sample();
            Daemon.Sample ib2 = db.sample();
            double minutes = IDLE_S / 60.0;
            double idleA = (ia2.writeBytes() - ia.writeBytes()) / minutes;
            double idleB = (ib2.writeBytes() - ib.writeBytes()) / minutes;
            out.add(new Figure("written per idle minute (" + IDLE_S + " s)", "bytes", idleA, idleB));
            double cardIdleA = (ia2.cardBytes() - ia.cardBytes()) / minutes;
            double cardIdleB = (ib2.cardBytes() - ib.cardBytes()) / minutes;
            if (CARDS) {
                out.add(new Figure("card: written per idle minute", "bytes", cardIdleA, cardIdleB));
            }
            out.add(new Figure("CPU per idle minute", "ms", (ia2.cpuMs() - ia.cpuMs()) / minutes, (ib2.cpuMs() - ib.cpuMs()) / minutes));

            Idle idle = new Idle(idleA, idleB, cardIdleA, cardIdleB);
            out.addAll(perEvent("ticket", da, db, idle));
            out.addAll(perEvent("rating", da, db, idle));

            Daemon.Sample ha = da.sample();
            Daemon.Sample hb = db.sample();
            long hourStart = System.nanoTime();
            Daemon.Sample hmA = null;
            Daemon.Sample hmB = null;
            for (int m = 0; m < HOUR_MINUTES; m++) {
                if (m == HOUR_MINUTES / 2) {
                    hmA = da.sample();
                    hmB = db.sample();
                }
                da.ticket(m);
                db.ticket(m);
                da.rating();
                db.rating();
                Thread.sleep(HOUR_SPACING_MS);
            }
            da.awaitEmptyOutbox();
            db.awaitEmptyOutbox();
            Thread.sleep(5_000);
            Daemon.Sample ha2 = da.sample();
            Daemon.Sample hb2 = db.sample();
            out.add(fig("RSS after the " + (HOUR_SPACING_MS < 60_000 ? "compressed " : "") + "hour", "MiB", ha2, hb2, s -> s.rssKb() / 1024.0));
            out.add(new Figure("RSS growth over the hour", "MiB", (ha2.rssKb() - ha.rssKb()) / 1024.0, (hb2.rssKb() - hb.rssKb()) / 1024.0));
            out.add(new Figure("RSS growth over its second half", "MiB", (ha2.rssKb() - hmA.rssKb()) / 1024.0,
                    (hb2.rssKb() - hmB.rssKb()) / 1024.0));
            // less what the same daemon writes idle in that time, as for the ticket and rating figures: over a
            // real hour the idle minutes' telemetry would otherwise be charged to the events
            double hourMinutes = (System.nanoTime() - hourStart) / 60e9;
            out.add(new Figure("written per event over the hour (t+r, less idle)", "bytes",
                    lessIdle(ha, ha2, WRITTEN, idleA, hourMinutes, 2 * HOUR_MINUTES),
                    lessIdle(hb, hb2, WRITTEN, idleB, hourMinutes, 2 * HOUR_MINUTES)));
            if (CARDS) {
                out.add(new Figure("card: written per event over the hour (t+r, less idle)", "bytes",
                        lessIdle(ha, ha2, ON_CARD, cardIdleA, hourMinutes, 2 * HOUR_MINUTES),
                        lessIdle(hb, hb2, ON_CARD, cardIdleB, hourMinutes, 2 * HOUR_MINUTES)));
            }
            out.add(fig("threads after the hour", "count", ha2, hb2, s -> s.threads()));
            System.out.printf(Locale.ROOT, "wal after the hour: current %,d bytes, baseline %,d bytes%n", da.walBytes(), db.walBytes());
        }
        return out;
    }

    /**
     * Bytes written per event over {@link #EVENTS} events one second apart, from before the first to five
     * seconds after the outbox is empty, less what the same daemon writes idle in that time.
     */
    private static List<Figure> perEvent(String kind, Daemon da, Daemon db, Idle idle) throws Exception {
        Daemon.Sample sa = da.sample();
        Daemon.Sample sb = db.sample();
        long t0 = System.nanoTime();
        for (int i = 0; i < EVENTS; i++) {
            if (kind.equals("ticket")) {
                da.ticket(i);
                db.ticket(i);
            } else {
                da.rating();
                db.rating();
            }
            Thread.sleep(EVENT_SPACING_MS);
        }
        da.awaitEmptyOutbox();
        db.awaitEmptyOutbox();
        Thread.sleep(5_000);
        Daemon.Sample ea = da.sample();
        Daemon.Sample eb = db.sample();
        double minutes = (System.nanoTime() - t0) / 60e9;
        System.out.printf(Locale.ROOT, "%s phase: current %,d bytes, baseline %,d bytes in %.2f min%n", kind,
                ea.writeBytes() - sa.writeBytes(), eb.writeBytes() - sb.writeBytes(), minutes);
        List<Figure> out = new ArrayList<>(List.of(new Figure("written per " + kind + " (less idle)", "bytes",
                lessIdle(sa, ea, WRITTEN, idle.writtenA(), minutes, EVENTS),
                lessIdle(sb, eb, WRITTEN, idle.writtenB(), minutes, EVENTS))));
        if (CARDS) {
            out.add(new Figure("card: written per " + kind + " (less idle)", "bytes",
                    lessIdle(sa, ea, ON_CARD, idle.cardA(), minutes, EVENTS),
                    lessIdle(sb, eb, ON_CARD, idle.cardB(), minutes, EVENTS)));
        }
        return out;
    }

    /** Each variant's bytes per idle minute, by {@code write_bytes} and at the {@link Card}. */
    record Idle(double writtenA, double writtenB, double cardA, double cardB) {}

    private static final ToLongFunction<Daemon.Sample> WRITTEN = Daemon.Sample::writeBytes;
    private static final ToLongFunction<Daemon.Sample> ON_CARD = Daemon.Sample::cardBytes;

    /**
     * Bytes per event from {@code start} to {@code end} by {@code bytes} ({@link #WRITTEN} or {@link #ON_CARD}),
     * less {@code idlePerMinute} over {@code minutes}.
     */
    private static double lessIdle(Daemon.Sample start, Daemon.Sample end, ToLongFunction<Daemon.Sample> bytes,
            double idlePerMinute, double minutes, int events) {
        return (bytes.applyAsLong(end) - bytes.applyAsLong(start) - idlePerMinute * minutes) / events;
    }

    private static Figure fig(String name, String unit, Daemon.Sample a, Daemon.Sample b, ToDoubleFunction<Daemon.Sample> f) {
        return new Figure(name, unit, f.applyAsDouble(a), f.applyAsDouble(b));
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted((x, y) -> y.getNameCount() - x.getNameCount()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** A daemon process started through the launcher, with /proc readings. */
    static final class Daemon implements AutoCloseable {
        /** {@code cardBytes}: what reached the data dir's {@link Card} so far, 0 without one. */
        record Sample(long rssKb, int threads, long writeBytes, long cpuMs, long cardBytes) {}

        private final Process process;
        private final Http http;
        private final Path dataDir;
        private final Card card;

        private Daemon(Process process, int port, Path dataDir, Card card) {
            this.process = process;
            this.http = new Http(port);
            this.dataDir = dataDir;
            this.card = card;
        }

        static String ticketBody(int i) {
            return "{\"category\":\"" + (i % 2 == 0 ? "A" : "B") + "\",\"priority\":false}";
        }

        void ticket(int i) {
            Http.Answer r = http.post("/api/tickets", ticketBody(i));
            if (r.status() != 201) {
                throw new IllegalStateException("ticket: " + r.status() + " " + r.body());
            }
        }

        void rating() {
            Http.Answer r = http.post("/api/ratings", "{\"window\":\"1\",\"level\":\"satisfied\"}");
            if (r.status() != 201) {
                throw new IllegalStateException("rating: " + r.status() + " " + r.body());
            }
        }

        void awaitEmptyOutbox() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (http.get("/api/health").json().get("outboxDepth").asLong() > 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("outbox not drained");
                }
                Thread.sleep(100);
            }
        }

        long walBytes() throws IOException {
            Path wal = dataDir.resolve("kiosk.db-wal");
            return Files.exists(wal) ? Files.size(wal) : 0;
        }

        Sample sample() throws IOException {
            long pid = process.pid();
            long rss = 0;
            int threads = 0;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("\\D", ""));
                } else if (line.startsWith("Threads:")) {
                    threads = Integer.parseInt(line.replaceAll("\\D", ""));
                }
            }
            long written = 0;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "io"))) {
                if (line.startsWith("write_bytes:")) {
                    written = Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
                }
            }
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
            long onCard;
            try {
                onCard = card == null ? 0 : card.bytesWritten();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted reading the card", e);
            }
            return new Sample(rss, threads, written, ticks * 10, onCard); // USER_HZ is 100 on Linux
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy(); // SIGTERM, as systemctl stop
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }

        /** One variant's files: data dir, cache dir, config, printer pty and emulator. */
        static final class Rig implements AutoCloseable {
            private final Variant variant;
            private final Path dir;
            private final int port;
            private final PtyPair pty;
            private final PrinterEmulator printer;
            private final Path config;
            /** The data dir's own file system, or null (then only write_bytes is measured). */
            private final Card card;

            private Rig(Variant variant, Path dir, String brokerUrl) throws IOException {
                this.variant = variant;
                this.dir = dir;
                this.port = FreePort.pick();
                this.pty = PtyPair.start();
                this.printer = PrinterEmulator.open(pty.far());
                Files.createDirectories(dir.resolve("cache"));
                this.card = cardFor(dir);
                this.config = Files.writeString(dir.resolve("kiosk.toml"), toml(variant.name(), dir.resolve("data"), brokerUrl,
                        port, pty.near()));
            }

            private static Card cardFor(Path dir) throws IOException {
                if (!CARDS) {
                    return null;
                }
                try {
                    return Card.create(dir.resolve("card.img"), dir.resolve("data"));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted making the card", e);
                }
            }

            static Rig create(Path work, Variant variant, String brokerUrl) throws IOException {
                return new Rig(variant, work.resolve(variant.name()), brokerUrl);
            }

            private static String toml(String id, Path data, String broker, int port, Path printer) {
                return """
                        [kiosk]
                        id = "bench-%s"
                        site = "bench"
                        timezone = "Asia/Shanghai"
                        data_dir = "%s"
                        [mqtt]
                        servers = ["%s"]
                        [printer]
                        port = "%s"
                        [terminal]
                        listen = "127.0.0.1:%d"
                        [[queue.categories]]
                        code = "A"
                        name = "综合受理"
                        name_en = "General affairs"
                        [[queue.categories]]
                        code = "B"
                        name = "社保医保"
                        name_en = "Social insurance"
                        [[evaluators]]
                        window = "1"
                        buttons = { very_satisfied = 5, satisfied = 6, basically_satisfied = 13, dissatisfied = 19, very_dissatisfied = 26 }
                        led_ok = 20
                        led_busy = 21
                        lockout_s = 0
                        """.formatted(id, data, broker, printer, port);
            }

            Daemon start(boolean oneCore) throws IOException, InterruptedException {
                List<String> command = new ArrayList<>();
                if (oneCore) {
                    command.addAll(List.of("taskset", "-c", "0"));
                }
                command.addAll(List.of(variant.launcher().toString(), "run", "--config", config.toString(), "--simulate"));
                ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("daemon.log").toFile()));
                pb.environment().put("KIOSK_JAR", variant.jar().toString());
                pb.environment().put("KIOSK_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
                pb.environment().put("CACHE_DIRECTORY", dir.resolve("cache").toString());
                pb.environment().remove("KIOSK_JAVA_OPTS");
                pb.environment().remove("NOTIFY_SOCKET");
                pb.environment().remove("JAVA_TOOL_OPTIONS");
                Daemon d = new Daemon(pb.start(), port, dir.resolve("data"), card);
                d.awaitReady();
                return d;
            }

            double timeToReady(boolean oneCore) throws IOException, InterruptedException {
                long t0 = System.nanoTime();
                try (Daemon d = start(oneCore)) {
                    return (System.nanoTime() - t0) / 1e6;
                }
            }

            void startAndStop() throws IOException, InterruptedException {
                try (Daemon d = start(false)) {
                    d.ticket(0);
                    d.rating();
                    d.awaitEmptyOutbox();
                }
            }

            @Override
            public void close() throws Exception {
                printer.close();
                pty.close();
                if (card != null) {
                    card.close();
                }
            }
        }

        private void awaitReady() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("daemon exited with " + process.exitValue() + " (see its daemon.log)");
                }
                try {
                    if (http.get("/api/health").status() == 200) {
                        return;
                    }
                } catch (RuntimeException notYet) {
                    // connection refused until the server listens
                }
                Thread.sleep(5);
            }
            throw new IllegalStateException("daemon not ready within 60 s");
        }
    }
}

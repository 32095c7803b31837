package org.openhall.centre.bench;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhall.centre.cases.Deadline;
import org.openhall.centre.cases.WorkingCalendar;
import org.openhall.centre.ingest.EnvelopeReader;
import org.openhall.centre.ingest.Parsed;
import org.openhall.centre.parcels.ParcelProjection;
import org.openhall.centre.reports.ReportFacts;
import org.openhall.centre.reports.ReportsProjection;
import org.openhall.centre.store.CentreStore;
import org.openhall.centre.store.Envelope;
import org.openhall.centre.store.IngestBatch;
import org.openhall.centre.store.StoreFactory;
import org.openhall.centre.testing.Api;
import org.openhall.centre.testing.CentreProcess;
import org.openhall.centre.testing.CentreToml;
import org.openhall.centre.testing.Postgres;
import org.openhall.kiosk.testing.FreePort;
import org.openhall.kiosk.testing.Mosquitto;

/**
 * The centre's benchmark (docs/centre.md): the centre is a child JVM from the jar at -Xmx256m, mosquitto and
 * the fleet simulator run beside it on this machine. Prints figures; asserts nothing but completeness.
 *
 * <pre>./mvnw -B -o -Pcentre-bench verify [-Dbench.events=100000] [-Dbench.latencyS=60] [-Dbench.backlog=1000000]
 *     [-Dbench.warmup=100000]</pre>
 * One part: {@code -Dit.test='CentreBench#sustainedIngestAgainstRawJdbc+storeTransactionsAloneAgainstRawJdbc'}.
 */
class CentreBench {
    private static final String BROKER = "max_inflight_messages 10000\nmax_queued_messages 0\nmax_queued_bytes 0\n";
    private static final int EVENTS = Integer.getInteger("bench.events", 100_000);
    private static final int LATENCY_S = Integer.getInteger("bench.latencyS", 60);
    private static final int BACKLOG = Integer.getInteger("bench.backlog", 1_000_000);
    /** Store alone: events ingested into a throw-away store of the same kind before the timed one (0: none). */
    private static final int WARMUP = Integer.getInteger("bench.warmup", 100_000);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /**
     * (a) sustained ingest as a ratio to raw JDBC batched inserts of the same rows into the same database, and to
     * a {@link RawCollector} taking the same burst through a broker into the same database.
     */
    @Test
    void sustainedIngestAgainstRawJdbc() throws Exception {
        sustained("sqlite", null);
        try (Postgres pg = Postgres.create()) {
            sustained("postgresql", pg);
        }
    }

    private void sustained(String name, Postgres pg) throws Exception {
        Path work = Files.createDirectories(dir.resolve("a-" + name));
        try (Mosquitto broker = Mosquitto.start(work.resolve("broker"), BROKER)) {
            int port = FreePort.pick();
            Path config = config(work, broker, port, pg);
            Api health = new Api(port, null);
            long elapsedMs;
            long publishMs;
            try (CentreProcess centre = CentreProcess.start(config, work.resolve("centre.log"));
                    FleetSimulator fleet = new FleetSimulator(broker.url(), 8, "rate")) {
                awaitUp(health);
                long t0 = System.nanoTime();
                fleet.burst(40, EVENTS / 40);
                publishMs = (System.nanoTime() - t0) / 1_000_000;
                await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(50))
                        .until(() -> health.json("/api/health").path("ingest").path("stored").asLong() >= EVENTS);
                elapsedMs = (System.nanoTime() - t0) / 1_000_000;
                var ingest = health.json("/api/health").path("ingest");
                System.out.printf(Locale.ROOT, "(a) %-10s centre: %d batches (mean %.0f events), %d ms inside store transactions%n",
                        name, ingest.path("batches").asLong(), EVENTS / Math.max(1.0, ingest.path("batches").asDouble()),
                        ingest.path("storeMs").asLong());
                centre.stop();
            }
            double centreRate = EVENTS * 1000.0 / elapsedMs;
            try (Connection c = connect(work, pg)) {
                double rawRate = rawInserts(c);
                System.out.printf(Locale.ROOT, "(a) %-10s %,d events: centre %,.0f events/s (publish to stored, %d ms; publishing alone %d ms); "
                        + "raw JDBC batched inserts of the same rows %,.0f rows/s; ratio %.2f%n",
                        name, EVENTS, centreRate, elapsedMs, publishMs, rawRate, centreRate / rawRate);
            }
            collectedRaw(name, work, pg, centreRate);
        }
    }

    /**
     * The same burst through a fresh broker into {@link RawCollector}, which writes into the same database: what
     * the machine allows end to end (this JVM's publishers, mosquitto, a subscriber, the inserts, all on its cores).
     * A fresh broker, because on the first one the stopped centre's persistent session would queue the burst too.
     */
    private static void collectedRaw(String name, Path work, Postgres pg, double centreRate) throws Exception {
        try (Mosquitto broker = Mosquitto.start(work.resolve("broker-raw"), BROKER);
                Connection c = connect(work, pg);
                RawCollector raw = new RawCollector(broker.url(), "kiosk/v1/+/+/events/#", c);
                FleetSimulator fleet = new FleetSimulator(broker.url(), 8, "rate")) {
            long t0 = System.nanoTime();
            fleet.burst(40, EVENTS / 40);
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(50)).until(() -> raw.stored() >= EVENTS);
            long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
            double rawRate = EVENTS * 1000.0 / elapsedMs;
            System.out.printf(Locale.ROOT, "(a) %-10s %,d events: raw collector (Paho QoS 1, acks after the commit, raw JDBC batched"
                    + " inserts) %,.0f events/s (publish to stored, %d ms); centre / raw collector %.2f%n",
                    name, EVENTS, rawRate, elapsedMs, centreRate / rawRate);
        }
    }

    /**
     * (a) without MQTT: the same envelopes straight into the store's ingest transactions (event, kiosk rows,
     * ranges, the reports and parcel projections), batches of 1,000, in this JVM; against raw JDBC batched
     * inserts of the same rows. What the database part of ingest costs, apart from the broker and the publishers.
     */
    @Test
    void storeTransactionsAloneAgainstRawJdbc() throws Exception {
        // The raw inserts, timed after the store, run on driver code the store's first batches warmed up; the
        // store gets the same by a warm-up on a throw-away database (bench.warmup events; 0: none). A sustained rate
        // is a warm one: after 20,000 events (20 transactions) the store's per-batch code was still cold, and a
        // second store in the same JVM ran 15-20 % faster than the first.
        if (WARMUP > 0) {
            ingestIntoStore(openStore(dir.resolve("warm-sqlite"), null), WARMUP);
        }
        storeAlone("sqlite", null);
        storeInterleaved("sqlite", null);
        if (WARMUP > 0) {
            try (Postgres warm = Postgres.create()) {
                ingestIntoStore(openStore(null, warm), WARMUP);
            }
        }
        try (Postgres pg = Postgres.create()) {
            storeAlone("postgresql", pg);
        }
        try (Postgres pg = Postgres.create()) {
            storeInterleaved("postgresql", pg);
        }
    }

    private void storeAlone(String name, Postgres pg) throws Exception {
        Path work = Files.createDirectories(dir.resolve("s-" + name));
        long elapsed = ingestIntoStore(openStore(work, pg), EVENTS);
        double storeRate = EVENTS * 1e9 / elapsed;
        try (Connection c = connect(work, pg)) {
            double rawRate = rawInserts(c);
            List<String> twinned = new ArrayList<>();
            double sameRate = rawInsertsOfTheCentresRows(c, pg != null, twinned);
            System.out.printf(Locale.ROOT, "(a, store alone) %-10s %,d events: ingest transactions %,.0f events/s; raw JDBC"
                    + " batched inserts of the same rows %,.0f rows/s; ratio %.2f%n", name, EVENTS, storeRate, rawRate,
                    storeRate / rawRate);
            System.out.printf(Locale.ROOT, "(a, store alone) %-10s second baseline, raw JDBC batched inserts of every row the"
                    + " centre inserted (%s) into twins of its tables, indexes included: %,.0f events/s; ratio %.2f%n",
                    name, String.join(", ", twinned), sameRate,
                    storeRate / sameRate);
        }
    }

    /** The store alone again on a fresh database, {@link #ingestInterleaved interleaved} with its baseline. */
    private void storeInterleaved(String name, Postgres pg) throws Exception {
        Path work = Files.createDirectories(dir.resolve("i-" + name));
        Interleaved i = ingestInterleaved(openStore(work, pg), EVENTS);
        double store = EVENTS * 1e9 / i.storeNanos();
        double raw = EVENTS * 1e9 / i.rawNanos();
        System.out.printf(Locale.ROOT, "(a, store alone) %-10s interleaved, after each ingest transaction the same rows by raw JDBC"
                + " batched inserts on the same connection: ingest transactions %,.0f events/s; raw %,.0f rows/s; ratio %.2f%n",
                name, store, raw, store / raw);
    }

    /** Nanoseconds in the ingest transactions and in the raw inserts of the same rows between them. */
    private record Interleaved(long storeNanos, long rawNanos) {
    }

    /**
     * The store and its baseline in turns, one batch each: after each ingest transaction, the same envelopes' event
     * rows go into {@code raw_event} (the key only, as {@link #rawInserts}) by one batched INSERT and a commit, on
     * the store's own pooled connection. Both then run at the same moment of a noisy machine, on the same file, WAL
     * and cache state, and each pays its share of the checkpoints. Run one after the other, whichever ran first
     * paid more of the JVM's warming (docs/centre.md).
     */
    private static Interleaved ingestInterleaved(CentreStore opened, int events) throws Exception {
        long[] raw = new long[1];
        try (CentreStore store = opened) {
            store.inTransaction(tx -> {
                try (Statement s = tx.connection().createStatement()) {
                    s.execute(RAW_EVENT_DDL);
                }
                return null;
            });
            long stored = ingestIntoStore(store, events, batch -> {
                long t0 = System.nanoTime();
                store.inTransaction(tx -> {
                    try (PreparedStatement ps = tx.connection().prepareStatement(RAW_EVENT_INSERT)) {
                        for (Envelope e : batch.events()) {
                            bindRawEvent(ps, e, batch.receivedMs());
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                    return null;
                });
                raw[0] += System.nanoTime() - t0;
            });
            return new Interleaved(stored, raw[0]);
        }
    }

    private static void bindRawEvent(PreparedStatement ps, Envelope e, long receivedMs) throws java.sql.SQLException {
        ps.setString(1, e.site());
        ps.setString(2, e.kiosk());
        ps.setLong(3, e.seq());
        ps.setString(4, e.id());
        ps.setString(5, e.type());
        ps.setString(6, e.time());
        ps.setLong(7, e.timeMs());
        ps.setLong(8, receivedMs);
        ps.setString(9, e.json());
    }

    /** Run after each timed ingest transaction, outside its timing. */
    @FunctionalInterface
    private interface AfterBatch {
        void run(IngestBatch batch) throws Exception;
    }

    /** SQLite in {@code work/data}, or PostgreSQL when {@code pg} is given. */
    private static CentreStore openStore(Path work, Postgres pg) {
        return pg == null ? StoreFactory.sqlite(work.resolve("data")) : StoreFactory.postgresql(pg.url(), pg.user(), pg.password());
    }

    /**
     * {@code events} ratings from 40 kiosks into {@code opened} (closed after) with the reports and parcel
     * projections, in batches of 1,000; returns the nanoseconds inside the ingest transactions. Each batch is
     * made and parsed just before its transaction, outside the timing: holding all the parsed envelopes (about
     * 180 MB live in the 512 MB heap) kept G1 marking through the timed part, which the raw inserts never paid.
     */
    private static long ingestIntoStore(CentreStore opened, int events) throws Exception {
        try (CentreStore store = opened) {
            return ingestIntoStore(store, events, batch -> { });
        }
    }

    /** As above into an open {@code store}; {@code after} runs after each timed transaction. */
    private static long ingestIntoStore(CentreStore store, int events, AfterBatch after) throws Exception {
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        EnvelopeReader reader = new EnvelopeReader("kiosk/v1");
        long now = System.currentTimeMillis();
        long elapsed = 0;
        store.addProjection(new ReportsProjection(new ObjectMapper(), new ReportFacts(zone),
                new Deadline(WorkingCalendar.weekdays(), 5, zone)));
        store.addProjection(new ParcelProjection(new ObjectMapper()));
        int made = 0;
        for (int s = 1; made < events; ) {
            List<Envelope> batch = new ArrayList<>(1000);
            for (; batch.size() < 1000 && made < events; s++) {
                for (int k = 0; k < 40 && batch.size() < 1000 && made < events; k++, made++) {
                    String kiosk = FleetSimulator.kiosk(k);
                    Parsed p = reader.read("kiosk/v1/store/" + kiosk + "/events/rating.submitted",
                            FleetSimulator.envelope("store", kiosk, s, now));
                    batch.add(((Parsed.Event) p).envelope());
                }
            }
            IngestBatch ingest = new IngestBatch(batch, List.of(), now);
            long t0 = System.nanoTime();
            store.ingest(ingest);
            elapsed += System.nanoTime() - t0;
            after.run(ingest);
        }
        return elapsed;
    }

    /** The tables whose rows the centre's ingest inserts one per event (or per rating, etc.). */
    private static final List<String> TWINNED = List.of("event", "report_ratings", "report_queue", "report_paused", "cases");

    /**
     * The second baseline: every row the centre inserted per event, in each of {@link #TWINNED} that has rows,
     * inserted with raw JDBC batches into a twin table made with the same DDL (so with the same indexes), one
     * transaction per 1,000 events holding those events' rows of every table. Not counted: the centre's per-batch
     * bookkeeping (one kiosk row and its received ranges per kiosk, a few dozen rating counts). Returns events/s;
     * adds the tables it twinned to {@code tables}.
     */
    private static double rawInsertsOfTheCentresRows(Connection c, boolean postgres, List<String> tables) throws Exception {
        c.setAutoCommit(true);
        List<List<Object[]>> rows = new ArrayList<>();
        long events = 0;
        for (String table : TWINNED) {
            if (!tableExists(c, table)) {
                continue;
            }
            List<Object[]> these = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Object[] r = new Object[n];
                    for (int i = 0; i < n; i++) {
                        r[i] = rs.getObject(i + 1);
                    }
                    these.add(r);
                }
            }
            if (table.equals("event")) {
                events = these.size();
            }
            if (these.isEmpty()) {
                continue;
            }
            twin(c, table, postgres);
            tables.add(table);
            rows.add(these);
        }
        c.setAutoCommit(false);
        int batches = (int) Math.max(1, (events + 999) / 1000);
        List<PreparedStatement> inserts = new ArrayList<>();
        long t0 = System.nanoTime();
        try {
            for (int t = 0; t < tables.size(); t++) {
                String marks = String.join(", ", java.util.Collections.nCopies(rows.get(t).getFirst().length, "?"));
                inserts.add(c.prepareStatement("INSERT INTO twin_" + tables.get(t) + " VALUES (" + marks + ")"));
            }
            for (int b = 0; b < batches; b++) {
                for (int t = 0; t < tables.size(); t++) {
                    List<Object[]> these = rows.get(t);
                    PreparedStatement ps = inserts.get(t);
                    for (Object[] r : these.subList((int) ((long) b * these.size() / batches),
                            (int) ((long) (b + 1) * these.size() / batches))) {
                        for (int i = 0; i < r.length; i++) {
                            ps.setObject(i + 1, r[i]);
                        }
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                c.commit();
            }
        } finally {
            for (PreparedStatement ps : inserts) {
                ps.close();
            }
        }
        return events * 1e9 / (System.nanoTime() - t0);
    }

    private static boolean tableExists(Connection c, String table) {
        try (ResultSet rs = c.getMetaData().getTables(null, null, table, new String[] {"TABLE"})) {
            return rs.next();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code twin_<table>}: the same columns, keys and indexes as the centre's table, empty. */
    private static void twin(Connection c, String table, boolean postgres) throws Exception {
        try (Statement s = c.createStatement()) {
            if (postgres) {
                s.execute("CREATE TABLE twin_" + table + " (LIKE " + table + " INCLUDING ALL)");
                return;
            }
            List<String> ddl = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT type, name, sql FROM sqlite_master WHERE tbl_name = '" + table
                    + "' AND sql IS NOT NULL ORDER BY type DESC")) {
                while (rs.next()) {
                    String sql = rs.getString(3);
                    ddl.add(rs.getString(1).equals("table")
                            ? sql.replaceFirst("(?i)CREATE TABLE \\\"?" + table + "\\\"?", "CREATE TABLE twin_" + table)
                            : sql.replaceFirst("(?i)INDEX (\\w+) ON \\\"?" + table + "\\\"?", "INDEX twin_$1 ON twin_" + table));
                }
            }
            for (String sql : ddl) {
                s.execute(sql);
            }
        }
    }

    /** A raw baseline's table: the event rows' columns with the key only. */
    static String rawTableDdl(String table) {
        return "CREATE TABLE " + table + " (site TEXT NOT NULL, kiosk TEXT NOT NULL,"
                + " seq BIGINT NOT NULL, id TEXT NOT NULL, type TEXT NOT NULL, time TEXT NOT NULL, time_ms BIGINT NOT NULL,"
                + " received_ms BIGINT NOT NULL, envelope TEXT NOT NULL, PRIMARY KEY (site, kiosk, seq))";
    }

    static String rawTableInsert(String table) {
        return "INSERT INTO " + table + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    }

    private static final String RAW_EVENT_DDL = rawTableDdl("raw_event");
    private static final String RAW_EVENT_INSERT = rawTableInsert("raw_event");

    /** The same rows the centre stored, inserted into a twin table in batches of 1,000 per transaction. */
    private static double rawInserts(Connection c) throws Exception {
        List<Object[]> rows = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT site, kiosk, seq, id, type, time, time_ms, received_ms, envelope FROM event")) {
            while (rs.next()) {
                rows.add(new Object[] {rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getLong(7), rs.getLong(8), rs.getString(9)});
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute(RAW_EVENT_DDL);
        }
        c.setAutoCommit(false);
        long t0 = System.nanoTime();
        try (PreparedStatement ps = c.prepareStatement(RAW_EVENT_INSERT)) {
            int n = 0;
            for (Object[] r : rows) {
                for (int i = 0; i < r.length; i++) {
                    ps.setObject(i + 1, r[i]);
                }
                ps.addBatch();
                if (++n % 1000 == 0) {
                    ps.executeBatch();
                    c.commit();
                }
            }
            ps.executeBatch();
            c.commit();
        }
        return rows.size() * 1e9 / (System.nanoTime() - t0);
    }

    /** (b) publish → committed latency with 2,000 kiosks sending one event every 10 s (200 events/s). */
    @Test
    void latencyAtTwoThousandKiosks() throws Exception {
        int kiosks = 2000;
        Path work = Files.createDirectories(dir.resolve("b"));
        try (Mosquitto broker = Mosquitto.start(work.resolve("broker"), BROKER)) {
            int port = FreePort.pick();
            Path config = config(work, broker, port, null);
            Api health = new Api(port, null);
            long sent = 0;
            try (CentreProcess centre = CentreProcess.start(config, work.resolve("centre.log"));
                    FleetSimulator fleet = new FleetSimulator(broker.url(), 20, "lat")) {
                awaitUp(health);
                long[] seq = new long[kiosks];
                long start = System.nanoTime();
                long tick = 0;
                // every 50 ms, 10 kiosks in turn send their next event: each kiosk once every 10 s
                while (System.nanoTime() - start < LATENCY_S * 1_000_000_000L) {
                    for (int i = 0; i < 10; i++) {
                        int k = (int) (sent % kiosks);
                        fleet.publish(k, ++seq[k]);
                        sent++;
                    }
                    tick++;
                    long next = start + tick * 50_000_000L;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
                fleet.drain();
                long total = sent;
                await().atMost(Duration.ofMinutes(2)).until(() -> health.json("/api/health").path("ingest").path("stored").asLong() >= total);
                centre.stop();
            }
            long[] latencies;
            try (Connection c = connect(work, null); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT received_ms, envelope FROM event")) {
                List<Long> list = new ArrayList<>();
                while (rs.next()) {
                    list.add(rs.getLong(1) - JSON.readTree(rs.getString(2)).path("data").path("publishedAtMs").asLong());
                }
                latencies = list.stream().mapToLong(Long::longValue).sorted().toArray();
            }
            System.out.printf(Locale.ROOT, "(b) %d kiosks, one event each every 10 s, %d s: %,d events; publish -> committing"
                    + " transaction p50 %d ms, p99 %d ms, max %d ms%n", kiosks, LATENCY_S, latencies.length,
                    pct(latencies, 0.50), pct(latencies, 0.99), latencies[latencies.length - 1]);
        }
    }

    /** (c) a backlog of 1,000,000 events from 100 kiosks queued while the centre was down: time to drain it. */
    @Test
    void backlogAfterAnOutage() throws Exception {
        int kiosks = 100;
        Path work = Files.createDirectories(dir.resolve("c"));
        try (Mosquitto broker = Mosquitto.start(work.resolve("broker"), BROKER)) {
            int port = FreePort.pick();
            Path config = config(work, broker, port, null);
            Api health = new Api(port, null);
            try (CentreProcess first = CentreProcess.start(config, work.resolve("centre.log"))) {
                awaitUp(health); // the centre's session and subscriptions now exist on the broker
                first.stop();
            }
            long p0 = System.nanoTime();
            try (FleetSimulator fleet = new FleetSimulator(broker.url(), 10, "backlog")) {
                fleet.burst(kiosks, BACKLOG / kiosks);
            }
            long publishMs = (System.nanoTime() - p0) / 1_000_000;
            long t0 = System.nanoTime();
            long drainMs;
            try (CentreProcess centre = CentreProcess.start(config, work.resolve("centre.log"))) {
                Thread watch = Thread.ofVirtual().start(() -> {
                    while (true) {
                        try {
                            Thread.sleep(10_000);
                            var i = health.json("/api/health").path("ingest");
                            System.out.printf(Locale.ROOT, "(c) draining: stored %,d, queued %d, batches %d, %d ms in store%n",
                                    i.path("stored").asLong(), i.path("queued").asLong(), i.path("batches").asLong(),
                                    i.path("storeMs").asLong());
                        } catch (InterruptedException e) {
                            return;
                        } catch (RuntimeException e) {
                            System.out.println("(c) centre not answering: " + e.getMessage());
                        }
                    }
                });
                await().atMost(Duration.ofMinutes(20)).failFast(() -> !centre.alive()).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                        .until(() -> health.json("/api/health").path("ingest").path("stored").asLong() >= BACKLOG);
                drainMs = (System.nanoTime() - t0) / 1_000_000;
                watch.interrupt();
                centre.stop();
            }
            try (Connection c = connect(work, null); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT COUNT(*), SUM(missing), SUM(received), MIN(last_seq), MAX(last_seq) FROM kiosk")) {
                rs.next();
                System.out.printf(Locale.ROOT, "(c) backlog of %,d events from %d kiosks (queued by mosquitto in %d ms): drained in"
                        + " %d ms (%,.0f events/s, JVM start included); kiosks %d, received %,d, missing %d, last seq %d..%d%n",
                        BACKLOG, kiosks, publishMs, drainMs, BACKLOG * 1000.0 / drainMs, rs.getLong(1), rs.getLong(3),
                        rs.getLong(2), rs.getLong(4), rs.getLong(5));
            }
        }
    }

    private Path config(Path work, Mosquitto broker, int port, Postgres pg) throws Exception {
        String database = "";
        if (pg != null) {
            Files.writeString(work.resolve("pw"), pg.password());
            database = "[database]\nurl = \"" + pg.url() + "\"\nusername = \"" + pg.user() + "\"\npassword_file = \""
                    + work.resolve("pw") + "\"\n";
        }
        Path config = work.resolve("centre.toml");
        Files.writeString(config, CentreToml.of("centre-bench", work.resolve("data"), broker.url(), port, database));
        return config;
    }

    private static Connection connect(Path work, Postgres pg) throws Exception {
        if (pg != null) {
            return DriverManager.getConnection(pg.url(), pg.user(), pg.password());
        }
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + work.resolve("data").resolve("centre.db"));
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=FULL");
        }
        return c;
    }

    private static long pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static void awaitUp(Api api) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> api.json("/api/health").path("mqtt").asText().equals("connected"));
    }

    static String sizes() {
        return Arrays.toString(new int[] {EVENTS, LATENCY_S, BACKLOG});
    }
}

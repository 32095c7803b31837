package org.openhall.centre.app;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openhall.centre.accounts.Accounts;
import org.openhall.centre.accounts.PasswordHasher;
import org.openhall.centre.commands.CommandDesk;
import org.openhall.centre.config.CentreConfig;
import org.openhall.centre.fleet.AlarmKeeper;
import org.openhall.centre.ingest.EnvelopeReader;
import org.openhall.centre.ingest.Ingest;
import org.openhall.centre.ingest.IngestStats;
import org.openhall.centre.mqtt.CentreMqtt;
import org.openhall.centre.reports.ReportsModule;
import org.openhall.centre.parcels.ParcelDesk;
import org.openhall.centre.parcels.ParcelProjection;
import org.openhall.centre.store.CentreStore;
import org.openhall.centre.store.StoreFactory;
import org.openhall.centre.web.CentreWeb;
import org.openhall.centre.web.Health;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The centre's composition root: store, ingest, broker link, alarms, HTTP; started in that order, stopped in reverse. */
public final class Centre {
    private static final Logger log = LoggerFactory.getLogger(Centre.class);
    /** Messages per ingest transaction, and how long a batch waits for more after its first. */
    static final int MAX_BATCH = 1000;
    static final long MAX_WAIT_MS = 20;
    /** How often parcels out longer than parcels.overdue_days are looked for (alarm parcel_overdue). */
    static final int PARCEL_CHECK_S = 5;
    /**
     * The longest the ingest thread may stay in one call before the watchdog counts it as hung: above a pool
     * checkout (30 s) plus SQLite's busy timeout (15 s) and a batch's commit.
     */
    static final long INGEST_SILENCE_S = 90;
    private final CentreConfig config;
    private final Clock clock;
    private CentreStore store;
    private Ingest ingest;
    private CentreMqtt mqtt;
    private CentreWeb web;
    private ScheduledExecutorService alarmsTimer;
    private ScheduledExecutorService reportsTimer;
    private ReportsModule reports;

    public Centre(CentreConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public static CentreStore openStore(CentreConfig config) {
        CentreConfig.Database db = config.database();
        return db.embedded() ? StoreFactory.sqlite(config.centre().dataDir())
                : StoreFactory.postgresql(db.url(), db.username(), db.password());
    }

    public void start() throws Exception {
        store = openStore(config);
        ParcelDesk parcels = new ParcelDesk(store, clock, config.centre().timezone(), config.parcels().overdueDays());
        reports = new ReportsModule(store, ReportsModule.deadline(config.followup().deadlineWorkingDays(),
                config.followup().holidaysFile(), config.centre().timezone()), config.centre().dataDir(), clock,
                List.of(ParcelFigures.monthly(parcels)));
        AlarmKeeper alarms = new AlarmKeeper(store, config.alarms(), clock);
        ingest = new Ingest(store, new EnvelopeReader(config.mqtt().topicPrefix()), clock, MAX_BATCH, MAX_WAIT_MS);
        mqtt = new CentreMqtt(config.mqtt(), config.centre().id(), ingest::accept);
        CommandDesk commands = new CommandDesk(store, mqtt, clock, config.centre().timezone());
        ingest.onCommit(alarms::committed);
        ingest.onCommit(commands::committed);
        store.addProjection(new ParcelProjection(new com.fasterxml.jackson.databind.ObjectMapper()));
        ingest.start();
        mqtt.start();
        alarmsTimer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("centre-alarms").daemon(true).unstarted(r));
        alarmsTimer.scheduleWithFixedDelay(() -> evaluate(alarms), 1, 2, TimeUnit.SECONDS);
        alarmsTimer.scheduleWithFixedDelay(() -> checkParcels(parcels), 1, PARCEL_CHECK_S, TimeUnit.SECONDS);
        web = new CentreWeb(config.centre().listenHost(), config.centre().listenPort(), store,
                new Accounts(store, new PasswordHasher(), clock), alarms, commands, this::health, clock, config.centre().timezone(), parcels);
        web.addReports(reports);
        web.start();
        reportsTimer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("centre-reports").daemon(true).unstarted(r));
        reports.start(reportsTimer);
        log.info("centre {} started ({} store)", config.centre().id(), store.dialect().name().toLowerCase(java.util.Locale.ROOT));
    }

    private void checkParcels(ParcelDesk parcels) {
        try {
            parcels.checkOverdue();
        } catch (RuntimeException e) {
            log.warn("parcel overdue check failed: {}", e.getMessage());
        }
    }

    private void evaluate(AlarmKeeper alarms) {
        try {
            alarms.evaluate();
        } catch (RuntimeException e) {
            log.warn("alarm evaluation failed: {}", e.getMessage());
        }
    }

    public Health health() {
        IngestStats s = ingest.stats();
        return new Health(mqtt.connected(), !ingest.storeFailing() && store.healthy(), s.received(), s.stored(),
                s.duplicates(), s.conflicts(), s.junkTotal(), ingest.queued(), s.batches(), s.storeMillis());
    }

    public boolean healthy() {
        Health h = health();
        return h.databaseOk();
    }

    /**
     * What the systemd watchdog vouches for: the ingest thread came round within {@link #INGEST_SILENCE_S}, the
     * broker connect loop and the HTTP server run. An unreachable broker or database is no hang (the centre
     * retries them itself, and a restart would not help), so neither stops the pings.
     */
    public boolean alive() {
        return ingest != null && ingest.alive(TimeUnit.SECONDS.toNanos(INGEST_SILENCE_S)) && mqtt.alive()
                && web != null && web.running();
    }

    /** The reports and cases (issue "reports"), once started. */
    public ReportsModule reports() {
        return reports;
    }

    public int httpPort() {
        return web.port();
    }

    public void stop() {
        if (web != null) {
            web.stop();
        }
        if (alarmsTimer != null) {
            alarmsTimer.shutdownNow();
        }
        if (reportsTimer != null) {
            reportsTimer.shutdownNow();
        }
        if (mqtt != null) {
            mqtt.stop();
        }
        if (ingest != null) {
            ingest.stop();
        }
        if (store != null) {
            store.close();
        }
    }
}

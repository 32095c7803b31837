package org.openhall.kiosk.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.openhall.kiosk.config.ConfigLoader;
import org.openhall.kiosk.config.InvalidConfigException;
import org.openhall.kiosk.config.KioskConfig;
import org.openhall.kiosk.systemd.SystemdNotifier;
import org.openhall.kiosk.systemd.SystemdWatchdog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/** Entry point: parses the command line, validates the configuration, runs the daemon until a signal. */
public final class Main {
    static final int EX_OK = 0;
    static final int EX_FAILURE = 1;
    /** The contract knows 0, 78 and 1: a bad command line is "any other fatal error". */
    static final int EX_USAGE = EX_FAILURE;
    static final int EX_CONFIG = 78;
    private static final Path SYSTEM_LOGBACK = Path.of("/etc/kiosk/logback.xml");
    private static final String JETTY_REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";

    private Main() {}

    public static void main(String[] args) {
        if (Files.isReadable(SYSTEM_LOGBACK) && System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", SYSTEM_LOGBACK.toString());
        }
        // Jetty otherwise starts the platform MBean server (about 150 classes and the platform MBeans, a
        // megabyte or more) only to ask whether oops are compressed: they are below 32 GB of heap, so a
        // 64-byte cache line holds 16 references
        if (System.getProperty(JETTY_REFERENCES_PER_CACHE_LINE) == null) {
            System.setProperty(JETTY_REFERENCES_PER_CACHE_LINE, "16");
        }
        System.exit(run(args, System.getenv()));
    }

    static int run(String[] args, Map<String, String> env) {
        if (args.length > 0 && args[0].equals("centre")) {
            // the centre is a separate wing of the jar (org.openhall.centre); it parses its own command line
            return org.openhall.centre.app.CentreMain.run(java.util.Arrays.copyOfRange(args, 1, args.length), env);
        }
        CommandLine cli;
        try {
            cli = CommandLine.parse(args);
        } catch (CommandLine.UsageException e) {
            System.err.println("kiosk: " + e.getMessage());
            System.err.print(CommandLine.USAGE);
            return EX_USAGE;
        }
        return switch (cli.command()) {
            case "help" -> {
                System.out.print(CommandLine.USAGE);
                yield EX_OK;
            }
            case "version" -> {
                System.out.println("kiosk " + version());
                yield EX_OK;
            }
            case "check-config" -> checkConfig(cli, env);
            case "ticket-preview" -> TicketPreviewCommand.run(cli, loader(env));
            default -> runDaemon(cli, env);
        };
    }

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    private static ConfigLoader loader(Map<String, String> env) {
        return new ConfigLoader(env, ZoneId.systemDefault());
    }

    private static int checkConfig(CommandLine cli, Map<String, String> env) {
        if (cli.config() == null) {
            System.err.println("kiosk: check-config needs --config FILE");
            return EX_USAGE;
        }
        try {
            KioskConfig config = loader(env).load(cli.config());
            System.out.print(ConfigSummary.of(cli.config().toString(), config));
            return EX_OK;
        } catch (InvalidConfigException e) {
            System.err.print(e.report());
            return EX_CONFIG;
        }
    }

    private static int runDaemon(CommandLine cli, Map<String, String> env) {
        KioskConfig config;
        try {
            if (cli.config() == null && !cli.simulate()) {
                System.err.println("kiosk: run needs --config FILE (or --simulate for the built-in demo)");
                return EX_USAGE;
            }
            config = cli.config() == null ? loader(env).demo() : loader(env).load(cli.config());
        } catch (InvalidConfigException e) {
            System.err.print(e.report());
            return EX_CONFIG;
        }
        Logger log = LoggerFactory.getLogger(Main.class);
        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), s -> stop.countDown());
        Signal.handle(new Signal("INT"), s -> stop.countDown());
        Kiosk kiosk = new Kiosk(config, cli.simulate(), Clock.system(config.kiosk().timezone()), version(), env);
        SystemdNotifier systemd = new SystemdNotifier(env);
        try {
            kiosk.start();
        } catch (StartupException e) {
            System.err.println("kiosk: " + e.getMessage());
            return EX_FAILURE;
        } catch (RuntimeException e) {
            log.error("startup failed", e);
            return EX_FAILURE;
        }
        systemd.notify("READY=1\nSTATUS=serving");
        SystemdWatchdog watchdog = SystemdWatchdog.start(env, systemd, kiosk::healthy);
        awaitQuietly(stop);
        log.info("stopping on signal");
        systemd.notify("STOPPING=1");
        watchdog.close();
        kiosk.stop();
        log.info("stopped");
        return EX_OK;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

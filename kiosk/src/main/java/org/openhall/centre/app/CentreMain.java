package org.openhall.centre.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.openhall.centre.accounts.Accounts;
import org.openhall.centre.accounts.PasswordHasher;
import org.openhall.centre.accounts.Role;
import org.openhall.centre.config.BadConfigException;
import org.openhall.centre.config.CentreConfig;
import org.openhall.centre.config.CentreConfigLoader;
import org.openhall.centre.store.CentreStore;
import org.openhall.centre.store.StoreException;
import org.openhall.kiosk.systemd.SystemdNotifier;
import org.openhall.kiosk.systemd.SystemdWatchdog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * {@code kiosk centre …}: run the service, check its configuration, create an API token or a user.
 * Exit codes as for the kiosk: 0, 78 for a bad configuration (naming every bad key), 1 otherwise.
 */
public final class CentreMain {
    static final int EX_OK = 0;
    static final int EX_FAILURE = 1;
    static final int EX_CONFIG = 78;
    static final String USAGE = """
            usage: kiosk centre [run] --config FILE
                   kiosk centre check-config --config FILE
                   kiosk centre token --config FILE --role admin|supervisor|viewer|worker [--name N]
                   kiosk centre user --config FILE add NAME --role ROLE     (password from stdin)
            """;

    private final Map<String, String> env;
    private final InputStream stdin;
    private final PrintStream out;
    private final PrintStream err;

    CentreMain(Map<String, String> env, InputStream stdin, PrintStream out, PrintStream err) {
        this.env = env;
        this.stdin = stdin;
        this.out = out;
        this.err = err;
    }

    /** Entry from {@code kiosk centre ARGS}. */
    public static int run(String[] args, Map<String, String> env) {
        return new CentreMain(env, System.in, System.out, System.err).dispatch(args);
    }

    int dispatch(String[] args) {
        List<String> rest = new ArrayList<>(List.of(args));
        String command = rest.isEmpty() || rest.get(0).startsWith("--") ? "run" : rest.remove(0);
        String config = option(rest, "--config");
        if (config == null && !command.equals("help")) {
            return usage("--config FILE is required");
        }
        return switch (command) {
            case "run" -> rest.isEmpty() ? serve(config) : usage("unexpected " + rest);
            case "check-config" -> rest.isEmpty() ? checkConfig(config) : usage("unexpected " + rest);
            case "token" -> token(config, rest);
            case "user" -> user(config, rest);
            case "help" -> {
                out.print(USAGE);
                yield EX_OK;
            }
            default -> usage("unknown command " + command);
        };
    }

    private int usage(String problem) {
        err.println("kiosk centre: " + problem);
        err.print(USAGE);
        return EX_FAILURE;
    }

    private static String option(List<String> args, String name) {
        int i = args.indexOf(name);
        if (i < 0 || i + 1 >= args.size()) {
            return null;
        }
        args.remove(i);
        return args.remove(i);
    }

    private Optional<CentreConfig> load(String file) {
        try {
            return Optional.of(new CentreConfigLoader(env).load(Path.of(file)));
        } catch (BadConfigException e) {
            err.print(e.report());
            return Optional.empty();
        }
    }

    private int checkConfig(String file) {
        Optional<CentreConfig> config = load(file);
        if (config.isEmpty()) {
            return EX_CONFIG;
        }
        CentreConfig c = config.get();
        out.println(file + ": ok");
        out.println("centre " + c.centre().id() + ", listening on " + c.centre().listenHost() + ":" + c.centre().listenPort());
        out.println("mqtt " + c.mqtt().servers() + (c.mqtt().shared() ? ", shared group " + c.mqtt().sharedGroup() : ""));
        out.println("database " + (c.database().embedded() ? "SQLite in " + c.centre().dataDir() : c.database().url()));
        return EX_OK;
    }

    private int token(String file, List<String> rest) {
        Optional<Role> role = Optional.ofNullable(option(rest, "--role")).flatMap(Role::of);
        String name = Optional.ofNullable(option(rest, "--name")).orElse("token");
        if (role.isEmpty() || !rest.isEmpty() || !Accounts.NAME.matcher(name).matches()) {
            return usage("token needs --role admin|supervisor|viewer|worker and an optional --name of letters, digits, '.', '_', '@' or '-'");
        }
        return withAccounts(file, accounts -> {
            out.println(accounts.newToken(name, role.get()));
            return EX_OK;
        });
    }

    private int user(String file, List<String> rest) {
        Optional<Role> role = Optional.ofNullable(option(rest, "--role")).flatMap(Role::of);
        if (rest.size() != 2 || !rest.get(0).equals("add") || role.isEmpty() || !Accounts.NAME.matcher(rest.get(1)).matches()) {
            return usage("user add NAME --role admin|supervisor|viewer|worker (NAME: letters, digits, '.', '_', '@' or '-')");
        }
        String password;
        try {
            password = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            password = null;
        }
        if (password == null || password.length() < 8) {
            err.println("kiosk centre: the password (one line on stdin) must have at least 8 characters");
            return EX_FAILURE;
        }
        String pw = password;
        return withAccounts(file, accounts -> {
            accounts.addUser(rest.get(1), role.get(), pw.toCharArray());
            out.println("user " + rest.get(1) + " (" + role.get().word() + ") saved");
            return EX_OK;
        });
    }

    private int withAccounts(String file, java.util.function.ToIntFunction<Accounts> work) {
        Optional<CentreConfig> config = load(file);
        if (config.isEmpty()) {
            return EX_CONFIG;
        }
        try (CentreStore store = Centre.openStore(config.get())) {
            return work.applyAsInt(new Accounts(store, new PasswordHasher(), Clock.systemUTC()));
        } catch (StoreException e) {
            err.println("kiosk centre: " + e.getMessage());
            return EX_FAILURE;
        }
    }

    private int serve(String file) {
        Optional<CentreConfig> config = load(file);
        if (config.isEmpty()) {
            return EX_CONFIG;
        }
        Logger log = LoggerFactory.getLogger(CentreMain.class);
        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), s -> stop.countDown());
        Signal.handle(new Signal("INT"), s -> stop.countDown());
        Centre centre = new Centre(config.get(), Clock.system(config.get().centre().timezone()));
        SystemdNotifier systemd = new SystemdNotifier(env);
        try {
            centre.start();
        } catch (Exception e) {
            log.error("centre startup failed: {}", e.getMessage(), e);
            centre.stop();
            return EX_FAILURE;
        }
        // store migrated, ingest, broker loop (connected or still trying) and HTTP up: Type=notify may go on
        systemd.notify("READY=1\nSTATUS=serving on port " + centre.httpPort());
        SystemdWatchdog watchdog = SystemdWatchdog.start(env, systemd, centre::alive);
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("stopping on signal");
        systemd.notify("STOPPING=1");
        watchdog.close();
        centre.stop();
        log.info("stopped");
        return EX_OK;
    }
}

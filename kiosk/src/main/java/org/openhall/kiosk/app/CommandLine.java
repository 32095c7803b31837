package org.openhall.kiosk.app;

import java.nio.file.Path;
import java.util.List;

/** The parsed command line: {@code kiosk [run|check-config|ticket-preview] [--config FILE] [--simulate] …}. */
record CommandLine(String command, Path config, boolean simulate, String category, Path out) {
    static final List<String> COMMANDS = List.of("run", "check-config", "ticket-preview", "help", "version");

    static CommandLine parse(String[] args) throws UsageException {
        String command = null;
        Path config = null;
        boolean simulate = false;
        String category = null;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--config", "-c" -> config = Path.of(value(args, ++i, arg));
                case "--simulate" -> simulate = true;
                case "--category" -> category = value(args, ++i, arg);
                case "--out" -> out = Path.of(value(args, ++i, arg));
                case "--help", "-h" -> command = "help";
                case "--version", "-V" -> command = "version";
                default -> {
                    if (arg.startsWith("-") || command != null || !COMMANDS.contains(arg)) {
                        throw new UsageException("unknown argument: " + arg);
                    }
                    command = arg;
                }
            }
        }
        return new CommandLine(command == null ? "run" : command, config, simulate, category, out);
    }

    private static String value(String[] args, int i, String option) throws UsageException {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    static final String USAGE = """
            usage: kiosk [run] [--config FILE] [--simulate]
                   kiosk check-config --config FILE
                   kiosk ticket-preview --config FILE [--category A] --out FILE.png
                   kiosk centre [run|check-config|token|user] --config FILE   (kiosk centre help)
                   kiosk --version | --help

              run             run the daemon (default)
              --simulate      simulated GPIO and printer, enables /api/sim/*; without --config
                              it runs the built-in demo (data in ./kiosk-data)
              check-config    validate a configuration file and print a summary (exit 0 or 78)
              ticket-preview  render the ticket the printer would get as a PNG
            """;

    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }
}

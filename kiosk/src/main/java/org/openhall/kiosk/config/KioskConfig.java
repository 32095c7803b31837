package org.openhall.kiosk.config;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;

/** The whole validated configuration; immutable. Built only by {@link ConfigLoader}. */
public record KioskConfig(
        Identity kiosk,
        MqttSettings mqtt,
        OutboxSettings outbox,
        TelemetrySettings telemetry,
        PrinterSettings printer,
        TerminalSettings terminal,
        List<Category> categories,
        List<TicketButton> ticketButtons,
        List<EvaluatorSettings> evaluators,
        List<WindowSettings> windows,
        DisplaySettings display) {

    public KioskConfig {
        categories = List.copyOf(categories);
        ticketButtons = List.copyOf(ticketButtons);
        evaluators = List.copyOf(evaluators);
        windows = List.copyOf(windows);
    }

    public record Identity(String id, String site, ZoneId timezone, Path dataDir) {}

    public record MqttSettings(
            List<String> servers,
            String topicPrefix,
            String username,
            String password,
            String caFile,
            String certFile,
            String keyFile,
            int keepaliveS,
            boolean allowInsecure) {
        public MqttSettings {
            servers = List.copyOf(servers);
        }

        @Override
        public String toString() {
            return "MqttSettings[servers=" + servers + ", topicPrefix=" + topicPrefix + ", username=" + username
                    + ", password=" + (password == null ? "none" : "***") + "]";
        }
    }

    public record OutboxSettings(long maxEvents, int telemetryTtlH) {}

    public record TelemetrySettings(int intervalS) {}

    /** {@code port} is empty when no printer is attached. */
    public record PrinterSettings(
            String port, int baud, String encoding, int columns, boolean queryStatus, String qr, String footer) {
        public boolean present() {
            return !port.isEmpty();
        }
    }

    /**
     * The local HTTP server: where it listens, which host names besides IP literals and {@code localhost} it
     * answers to, which non-loopback clients may use the resident actions, and how many connections it keeps.
     */
    public record TerminalSettings(String host, int port, List<String> hostnames, List<AddressRange> trustedClients,
            int maxConnections) {
        public static final int DEFAULT_MAX_CONNECTIONS = 64;

        public TerminalSettings {
            hostnames = List.copyOf(hostnames);
            trustedClients = List.copyOf(trustedClients);
        }

        /** Listen address only; every other setting at its default. */
        public TerminalSettings(String host, int port) {
            this(host, port, List.of(), List.of(), DEFAULT_MAX_CONNECTIONS);
        }
    }

    public record TicketButton(String category, int pin) {}
}

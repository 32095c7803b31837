package org.openhall.kiosk.terminal;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.openhall.kiosk.config.AddressRange;
import org.openhall.kiosk.config.IpLiteral;

/**
 * The request rules of interface.md section 6 that do not depend on the route: which {@code Host} the
 * server answers to (DNS rebinding), which {@code Origin} may call it (cross-site requests), which clients
 * may use the resident actions, and the media type a {@code POST} must carry. Pure functions of the headers.
 */
final class RequestRules {
    static final String FORBIDDEN_HOST = "forbidden_host";
    static final String FORBIDDEN_ORIGIN = "forbidden_origin";

    private final Set<String> hostnames;
    private final List<AddressRange> trustedClients;

    RequestRules(List<String> hostnames, List<AddressRange> trustedClients) {
        this.hostnames = hostnames.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.trustedClients = List.copyOf(trustedClients);
    }

    /** The error word for a request with these headers, or empty when host and origin are acceptable. */
    Optional<String> refusal(String host, String origin) {
        if (host != null && !hostAllowed(host)) {
            return Optional.of(FORBIDDEN_HOST);
        }
        if (origin != null && (host == null || !origin.equalsIgnoreCase("http://" + host))) {
            return Optional.of(FORBIDDEN_ORIGIN);
        }
        return Optional.empty();
    }

    /** An IP literal, {@code localhost} or a configured name, with or without a port. */
    boolean hostAllowed(String hostHeader) {
        String name = hostWithoutPort(hostHeader);
        return IpLiteral.parse(name).isPresent() || name.equalsIgnoreCase("localhost")
                || hostnames.contains(name.toLowerCase(Locale.ROOT));
    }

    /** Loopback clients and those in {@code terminal.trusted_clients} may use the resident actions. */
    boolean trusted(InetAddress client) {
        return client != null && (client.isLoopbackAddress() || trustedClients.stream().anyMatch(r -> r.contains(client)));
    }

    /** {@code application/json}, with or without parameters (a charset). */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
        return type.equalsIgnoreCase("application/json");
    }

    static String hostWithoutPort(String hostHeader) {
        String h = hostHeader.strip();
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            return close < 0 ? h : h.substring(0, close + 1);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }
}

package org.openhall.kiosk.config;

import java.net.InetAddress;
import java.util.Optional;

/**
 * IP address literals, parsed without any DNS lookup ({@link InetAddress#getByName} would resolve a name):
 * dotted IPv4 ({@code 192.168.1.5}) and IPv6 with or without brackets ({@code ::1}, {@code [fe80::1]}).
 */
public final class IpLiteral {
    private IpLiteral() {}

    /** The address {@code text} spells, or empty when it is not an IP literal (a host name, garbage). */
    public static Optional<InetAddress> parse(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        try {
            return Optional.ofNullable(InetAddress.ofLiteral(bare));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** {@code localhost}, or a literal in 127.0.0.0/8 or {@code ::1}; "127.example.com" is not loopback. */
    public static boolean isLoopbackHost(String host) {
        return "localhost".equalsIgnoreCase(host) || parse(host).map(InetAddress::isLoopbackAddress).orElse(false);
    }
}

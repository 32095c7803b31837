package org.openhall.kiosk.config;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.Optional;

/**
 * One entry of {@code terminal.trusted_clients}: a single address ({@code 192.168.1.20}) or a CIDR block
 * ({@code 192.168.1.0/24}, {@code fd00::/8}). An IPv4 range never matches an IPv6 client and vice versa.
 */
public record AddressRange(InetAddress network, int prefixLength) {
    /** Parses {@code text}; empty when it is neither an IP literal nor literal/prefix with a prefix in range. */
    public static Optional<AddressRange> parse(String text) {
        int slash = text.indexOf('/');
        Optional<InetAddress> address = IpLiteral.parse(slash < 0 ? text : text.substring(0, slash));
        if (address.isEmpty()) {
            return Optional.empty();
        }
        int bits = address.get().getAddress().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String digits = text.substring(slash + 1);
            if (!digits.matches("\\d{1,3}") || Integer.parseInt(digits) > bits) {
                return Optional.empty();
            }
            prefix = Integer.parseInt(digits);
        }
        return Optional.of(new AddressRange(address.get(), prefix));
    }

    public boolean contains(InetAddress client) {
        byte[] net = network.getAddress();
        byte[] other = client.getAddress();
        if (net.length != other.length) {
            return false;
        }
        int shift = net.length * 8 - prefixLength;
        return new BigInteger(1, net).shiftRight(shift).equals(new BigInteger(1, other).shiftRight(shift));
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixLength;
    }
}

package com.ukeybridge.site.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/** An IP address or a CIDR block ({@code 10.0.0.0/8}, {@code ::1}), e.g. a trusted reverse proxy. */
public record AddressRange(byte[] network, int prefixLength, String text) {
    public AddressRange {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(text, "text");
    }

    /** @throws ConfigException naming {@code key} when {@code value} is not an IP address or CIDR block (names are not resolved) */
    public static AddressRange parse(String key, String value) {
        String[] parts = value.strip().split("/", 2);
        if (!parts[0].matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
            throw new ConfigException("'" + key + "': '" + value + "' is not an IP address or CIDR block");
        }
        try {
            byte[] address = InetAddress.getByName(parts[0]).getAddress();
            int prefix = parts.length == 1 ? address.length * 8 : Integer.parseInt(parts[1]);
            if (prefix < 0 || prefix > address.length * 8) {
                throw new ConfigException("'" + key + "': prefix length out of range in '" + value + "'");
            }
            return new AddressRange(address, prefix, value.strip());
        } catch (UnknownHostException | NumberFormatException e) {
            throw new ConfigException("'" + key + "': '" + value + "' is not an IP address or CIDR block");
        }
    }

    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest) & 0xff;
        return (candidate[full] & mask) == (network[full] & mask);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AddressRange range && range.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}

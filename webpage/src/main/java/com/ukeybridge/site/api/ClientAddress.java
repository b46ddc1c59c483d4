package com.ukeybridge.site.api;

import com.ukeybridge.site.config.AddressRange;
import io.javalin.http.Context;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Who sent a request, for rate limits and the audit log: the connection's peer, unless that
 * peer is a trusted proxy; then, walking {@code X-Forwarded-For} from its end (the entry the
 * nearest proxy wrote), the first address that is not a trusted proxy. Entries left of it are
 * whatever the client wrote, and never believed.
 */
final class ClientAddress {
    private final List<AddressRange> trustedProxies;

    ClientAddress(List<AddressRange> trustedProxies) {
        this.trustedProxies = List.copyOf(trustedProxies);
    }

    String of(Context ctx) {
        return of(ctx.req().getRemoteAddr(), Optional.ofNullable(ctx.header("X-Forwarded-For")));
    }

    String of(String peer, Optional<String> forwardedFor) {
        if (!trusted(peer) || forwardedFor.isEmpty()) {
            return peer;
        }
        String[] hops = forwardedFor.get().split(",");
        String client = peer;
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (!isAddress(hop)) {
                return client;
            }
            client = hop;
            if (!trusted(hop)) {
                return hop;
            }
        }
        return client;
    }

    private boolean trusted(String address) {
        Optional<InetAddress> parsed = parse(address);
        return parsed.isPresent() && trustedProxies.stream().anyMatch(range -> range.contains(parsed.get()));
    }

    private static boolean isAddress(String text) {
        return parse(text).isPresent();
    }

    /** A literal address only: a name is never looked up. */
    private static Optional<InetAddress> parse(String text) {
        if (!text.matches("[0-9.]+|\\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.%a-zA-Z]*]?")) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text.startsWith("[") ? text.substring(1, text.length() - 1) : text));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}

package com.ukeybridge.agent.server;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides, from the handshake's headers alone, whether a WebSocket upgrade may happen
 * (docs/protocol.md, "Transport"): the {@code Origin} must equal an allowed origin byte for byte,
 * and the {@code Host} must name this agent's loopback address and port, so that a
 * DNS-rebound name pointing at 127.0.0.1 is refused too. Thread-safe.
 */
final class UpgradeGate {
    private final Set<String> allowedOrigins;
    private final Set<String> loopbackHosts;

    /** @param port the port actually bound, never 0 */
    UpgradeGate(List<String> allowedOrigins, int port) {
        this.allowedOrigins = Set.copyOf(allowedOrigins);
        this.loopbackHosts = Set.of("127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port);
    }

    /**
     * @param origins every {@code Origin} header of the request
     * @param hosts   every {@code Host} header of the request
     * @return why the upgrade is refused, for the log; empty when it may proceed
     */
    Optional<String> refusal(List<String> origins, List<String> hosts) {
        if (origins.isEmpty()) {
            return Optional.of("no Origin header");
        }
        // Two Origin headers mean a confused or hostile client; neither is trusted.
        if (origins.size() > 1) {
            return Optional.of("several Origin headers");
        }
        String origin = origins.get(0);
        if (!allowedOrigins.contains(origin)) {
            return Optional.of("origin not allowed: " + LogText.of(origin));
        }
        if (hosts.size() != 1) {
            return Optional.of(hosts.isEmpty() ? "no Host header" : "several Host headers");
        }
        String host = hosts.get(0);
        if (!loopbackHosts.contains(host)) {
            return Optional.of("host not allowed: " + LogText.of(host));
        }
        return Optional.empty();
    }
}

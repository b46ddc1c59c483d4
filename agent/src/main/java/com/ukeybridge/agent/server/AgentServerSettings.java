package com.ukeybridge.agent.server;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What {@link AgentServer} needs to know, checked once here so the server can trust it.
 *
 * @param port           the TCP port on 127.0.0.1 and [::1]; 0 picks a free one (see {@link AgentServer#port()})
 * @param allowedOrigins the exact {@code Origin} values (serialized as browsers send them:
 *                       {@code scheme://host[:port]}, lowercase, no path, no trailing slash) that may open a connection
 * @param tlsDir         the folder {@code certs create --dir} wrote
 * @param agentVersion   shown by {@code GET /health}
 * @param protocols      the protocol versions served, each at {@code /vN} (docs/protocol.md)
 */
public record AgentServerSettings(int port, List<String> allowedOrigins, Path tlsDir, String agentVersion,
                                  List<Integer> protocols) {
    /** What a browser puts in {@code Origin}; anything else could never match and is a configuration mistake. */
    private static final Pattern ORIGIN = Pattern.compile("https?://[a-z0-9.\\-]+(:[0-9]{1,5})?|https?://\\[[0-9a-f:.]+\\](:[0-9]{1,5})?");

    public AgentServerSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, not " + port);
        }
        allowedOrigins = List.copyOf(Objects.requireNonNull(allowedOrigins, "allowedOrigins"));
        for (String origin : allowedOrigins) {
            if (!ORIGIN.matcher(origin).matches()) {
                throw new IllegalArgumentException("Not an origin (scheme://host[:port], lowercase, nothing after): " + origin);
            }
        }
        Objects.requireNonNull(tlsDir, "tlsDir");
        Objects.requireNonNull(agentVersion, "agentVersion");
        if (agentVersion.isBlank()) {
            throw new IllegalArgumentException("agentVersion must not be blank");
        }
        protocols = List.copyOf(new TreeSet<>(Objects.requireNonNull(protocols, "protocols")));
        if (protocols.isEmpty() || protocols.stream().anyMatch(version -> version < 1)) {
            throw new IllegalArgumentException("protocols must name at least one version, each 1 or more: " + protocols);
        }
    }
}

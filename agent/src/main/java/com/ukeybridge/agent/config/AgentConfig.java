package com.ukeybridge.agent.config;

import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's validated configuration (design.md, "Interfaces"). Built only by
 * {@link AgentConfigReader}, which names any unknown or malformed key.
 *
 * @param ports          the ports to try, in order; the agent listens on the first free one, so that
 *                       several users' agents on one machine each get one (0 alone: any free port, for tests)
 * @param confirmWrites  empty when the file leaves it to the default: ask with a display, not headless
 * @param protocols      the protocol versions served, sorted (docs/protocol.md; default {@code [2]})
 * @param pagePin        whether a headless agent takes a PIN from the page in protocol v2
 * @param replaceIssuers per origin, the issuers whose certificates may replace one of another issuer
 * @param skfModules     SKF (GM/T 0016) libraries whose devices are tokens too (docs/gm-keys.md)
 */
public record AgentConfig(
        List<Integer> ports,
        List<String> allowedOrigins,
        List<Path> pkcs11Modules,
        Path tlsDir,
        Path dataDir,
        int warnDays,
        Optional<URI> updateSiteUrl,
        Optional<Boolean> confirmWrites,
        List<Integer> protocols,
        boolean pagePin,
        Map<String, List<X509Certificate>> replaceIssuers,
        List<Path> skfModules) {

    /** What pages try, in this order (the JavaScript client's list): one port per user logged in at once. */
    public static final List<Integer> DEFAULT_PORTS = List.of(28443, 28444, 28445, 28446);
    public static final int DEFAULT_WARN_DAYS = 90;

    public AgentConfig {
        ports = List.copyOf(ports);
        if (ports.isEmpty()) {
            throw new IllegalArgumentException("ports must not be empty");
        }
        allowedOrigins = List.copyOf(allowedOrigins);
        pkcs11Modules = List.copyOf(pkcs11Modules);
        protocols = List.copyOf(protocols);
        replaceIssuers = Map.copyOf(replaceIssuers);
        skfModules = List.copyOf(skfModules);
    }

    /** One port only ({@code 0} picks a free one: tests), no SKF libraries. */
    public AgentConfig(int port, List<String> allowedOrigins, List<Path> pkcs11Modules, Path tlsDir, Path dataDir,
                       int warnDays, Optional<URI> updateSiteUrl, Optional<Boolean> confirmWrites,
                       List<Integer> protocols, boolean pagePin, Map<String, List<X509Certificate>> replaceIssuers) {
        this(List.of(port), allowedOrigins, pkcs11Modules, tlsDir, dataDir, warnDays, updateSiteUrl, confirmWrites,
                protocols, pagePin, replaceIssuers, List.of());
    }

    /** Whether {@code signCsr} and {@code writeCert} ask the user first. */
    public boolean confirmWrites(boolean headless) {
        return confirmWrites.orElse(!headless);
    }

    public Path logDir() {
        return dataDir.resolve("logs");
    }
}

package com.ukeybridge.agent.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The agent's validated configuration (design.md, "Interfaces"). Built only by
 * {@link AgentConfigReader}, which names any unknown or malformed key.
 *
 * @param ports         the ports to try, in order; the agent listens on the first free one, so that
 *                      several users' agents on one machine each get one (0 alone: any free port, for tests)
 * @param confirmWrites empty when the file leaves it to the default: ask with a display, not headless
 */
public record AgentConfig(
        List<Integer> ports,
        List<String> allowedOrigins,
        List<Path> pkcs11Modules,
        Path tlsDir,
        Path dataDir,
        int warnDays,
        Optional<URI> updateSiteUrl,
        Optional<Boolean> confirmWrites) {

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
    }

    /** One port only: {@code 0} picks a free one (tests). */
    public AgentConfig(int port, List<String> allowedOrigins, List<Path> pkcs11Modules, Path tlsDir, Path dataDir,
                       int warnDays, Optional<URI> updateSiteUrl, Optional<Boolean> confirmWrites) {
        this(List.of(port), allowedOrigins, pkcs11Modules, tlsDir, dataDir, warnDays, updateSiteUrl, confirmWrites);
    }

    /** Whether {@code signCsr} and {@code writeCert} ask the user first. */
    public boolean confirmWrites(boolean headless) {
        return confirmWrites.orElse(!headless);
    }

    public Path logDir() {
        return dataDir.resolve("logs");
    }
}

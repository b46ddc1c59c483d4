package com.ukeybridge.agent.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The agent's validated configuration (design.md, "Interfaces"). Built only by
 * {@link AgentConfigReader}, which names any unknown or malformed key.
 *
 * @param confirmWrites empty when the file leaves it to the default: ask with a display, not headless
 */
public record AgentConfig(
        int port,
        List<String> allowedOrigins,
        List<Path> pkcs11Modules,
        Path tlsDir,
        Path dataDir,
        int warnDays,
        Optional<URI> updateSiteUrl,
        Optional<Boolean> confirmWrites) {

    public static final int DEFAULT_PORT = 28443;
    public static final int DEFAULT_WARN_DAYS = 90;

    public AgentConfig {
        allowedOrigins = List.copyOf(allowedOrigins);
        pkcs11Modules = List.copyOf(pkcs11Modules);
    }

    /** Whether {@code signCsr} and {@code writeCert} ask the user first. */
    public boolean confirmWrites(boolean headless) {
        return confirmWrites.orElse(!headless);
    }

    public Path logDir() {
        return dataDir.resolve("logs");
    }
}

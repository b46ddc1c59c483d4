package com.ukeybridge.agent.methods;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

/**
 * What the methods take from the agent's configuration.
 *
 * @param confirmWrites  whether {@code signCsr} and {@code writeCert} ask the user first
 * @param warnDays       a certificate this close to its end is listed as expiring
 * @param pagePin        protocol v2: whether a headless agent takes a PIN from the page
 * @param replaceIssuers protocol v2: per origin, issuers whose certificates may replace another issuer's
 * @param dataDir        where the agent records the keys {@code signCsr} made (for {@code deleteKey})
 */
public record MethodSettings(boolean confirmWrites, int warnDays, boolean pagePin,
                             Map<String, List<X509Certificate>> replaceIssuers, Path dataDir) {
    public MethodSettings {
        replaceIssuers = Map.copyOf(replaceIssuers);
    }
}

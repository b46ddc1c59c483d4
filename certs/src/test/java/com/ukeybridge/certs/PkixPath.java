package com.ukeybridge.certs;

import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

/** Validates a leaf under a root with the JDK's PKIX validator, the root as the only trust anchor. */
final class PkixPath {
    private PkixPath() {
    }

    /**
     * RFC 5280 leaves it to the relying party whether a trust anchor's own name constraints
     * apply. Browsers (NSS, Chromium) and OpenSSL apply them; the JDK never does (it even
     * refuses a TrustAnchor given them). So the root also stands in the path, above the leaf,
     * where the JDK applies its name constraints, path length and key usage like any CA's;
     * the anchor is still the root and nothing else.
     */
    static void validate(X509Certificate leaf, X509Certificate root, Instant at) throws GeneralSecurityException {
        CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf, root));
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        parameters.setRevocationEnabled(false); // a local root publishes no revocation
        parameters.setDate(Date.from(at));
        CertPathValidator.getInstance("PKIX").validate(path, parameters);
    }
}

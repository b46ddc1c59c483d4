package com.ukeybridge.site.ca;

import java.net.URI;
import java.util.Objects;

/**
 * Where relying parties learn about a certificate the site issued, named in each one: the CRL
 * (CRL distribution point), the CA certificate (AIA caIssuers) and the OCSP responder (AIA ocsp).
 */
public record RevocationUrls(URI crl, URI caIssuers, URI ocsp) {
    public RevocationUrls {
        Objects.requireNonNull(crl, "crl");
        Objects.requireNonNull(caIssuers, "caIssuers");
        Objects.requireNonNull(ocsp, "ocsp");
    }

    /** {@code base} + {@code crl}, {@code ca.crt}, {@code ocsp}; {@code base} ends in {@code /}. */
    public static RevocationUrls under(URI base) {
        return new RevocationUrls(base.resolve("crl"), base.resolve("ca.crt"), base.resolve("ocsp"));
    }
}

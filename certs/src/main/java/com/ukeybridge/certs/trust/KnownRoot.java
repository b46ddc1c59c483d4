package com.ukeybridge.certs.trust;

import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * A root of ours, known by its fingerprints: the current one, or one an earlier
 * {@code certs create} made and {@code certs install} registered. Only roots known this way
 * are ever removed from a store.
 *
 * @param sha256 colon-separated uppercase hex, the identity used everywhere
 * @param sha1 the thumbprint Windows and macOS find certificates by
 * @param subject for people reading the record
 */
public record KnownRoot(String sha256, String sha1, String subject) {
    public KnownRoot {
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(sha1, "sha1");
        subject = subject == null ? "" : subject;
    }

    static KnownRoot of(X509Certificate certificate) {
        return new KnownRoot(Fingerprints.sha256(certificate), Fingerprints.sha1(certificate),
                certificate.getSubjectX500Principal().getName());
    }

    boolean matches(X509Certificate certificate) {
        return sha256.equals(Fingerprints.sha256(certificate));
    }
}

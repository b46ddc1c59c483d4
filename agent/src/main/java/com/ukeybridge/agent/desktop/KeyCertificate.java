package com.ukeybridge.agent.desktop;

import com.ukeybridge.token.CertificateUsage;

import java.time.Instant;
import java.util.Optional;

/**
 * A certificate on a key, as the desktop shows it.
 *
 * @param name        the subject's common name, or the whole subject when it has none
 * @param subject     the subject, RFC 4514
 * @param fingerprint hex SHA-256 of the DER: the same certificate on any key, across polls
 * @param usage       what its key is for: signing, or encryption on a GM key
 * @param pair        on a GM key whose container holds both a signing and an encryption
 *                    certificate, that container's name: the two are shown as one pair
 */
public record KeyCertificate(String name, String subject, Instant notAfter, String fingerprint,
                             CertificateUsage usage, Optional<String> pair) {

    /** A certificate of its own, as every PKCS#11 one is. */
    public KeyCertificate(String name, String subject, Instant notAfter, String fingerprint) {
        this(name, subject, notAfter, fingerprint, CertificateUsage.SIGNING, Optional.empty());
    }
}

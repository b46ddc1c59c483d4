package com.ukeybridge.site.store;

import java.time.Instant;
import java.util.Optional;

/**
 * One renewal of one known certificate.
 *
 * @param answeredKeySha256   the new key whose request answered the current challenge
 * @param issuedCertificateId what it issued; with no {@code completedAt}, the certificate is "pending"
 */
public record RenewalRecord(
        String id,
        long certificateId,
        byte[] challenge,
        Instant challengeExpiresAt,
        Optional<String> answeredKeySha256,
        Optional<Long> issuedCertificateId,
        Instant createdAt,
        Optional<Instant> completedAt) {
}

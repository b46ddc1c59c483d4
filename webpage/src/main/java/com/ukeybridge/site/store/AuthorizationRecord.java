package com.ukeybridge.site.store;

import java.time.Instant;
import java.util.Optional;

/** A download authorization; the code itself is never stored, only {@code codeHash} with its {@code codeSalt}. */
public record AuthorizationRecord(
        String referenceNumber,
        String subject,
        byte[] subjectDer,
        byte[] codeSalt,
        byte[] codeHash,
        Instant createdAt,
        Instant expiresAt,
        int failedAttempts,
        Optional<String> usedKeySha256,
        Optional<Long> issuedCertificateId,
        Optional<Instant> completedAt,
        DownloadProfile profile) {
}

package com.ukeybridge.site.store;

import java.time.Instant;
import java.util.Optional;

/** A certificate to record: one just issued (with its flow) or one imported from the old CA. */
public record NewCertificate(
        String fingerprint,
        String serialNumber,
        String issuer,
        String subject,
        byte[] subjectDer,
        Instant notBefore,
        Instant notAfter,
        String publicKeySha256,
        CertificateRecord.Origin origin,
        Optional<CertificateRecord.Flow> flow,
        Optional<String> flowRef,
        byte[] der) {
}

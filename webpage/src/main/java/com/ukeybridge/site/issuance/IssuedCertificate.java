package com.ukeybridge.site.issuance;

import com.ukeybridge.site.store.CertificateRecord;

import java.time.Duration;
import java.time.Instant;

/** A certificate issued here, as the API answers it (docs/site-api.md, "the issued certificate object"). */
public record IssuedCertificate(byte[] der, String serialNumber, String subject, Instant notBefore, Instant notAfter,
                                int validityDays) {

    public static IssuedCertificate of(CertificateRecord record) {
        return new IssuedCertificate(record.der(), record.serialNumber(), record.subject(), record.notBefore(), record.notAfter(),
                (int) Duration.between(record.notBefore(), record.notAfter()).toDays());
    }
}

package com.ukeybridge.site.issuance;

import com.ukeybridge.site.store.CertificatePair;
import com.ukeybridge.site.store.CertificatePairs;
import com.ukeybridge.site.store.CertificateRecord;
import com.ukeybridge.site.store.CertificateRecords;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A certificate issued here, as the API answers it (docs/site-api.md, "the issued certificate
 * object"): for a GM dual-certificate issue, the signing certificate with its encryption half.
 */
public record IssuedCertificate(byte[] der, String serialNumber, String subject, Instant notBefore, Instant notAfter,
                                int validityDays, Optional<Encryption> encryption) {

    /**
     * The encryption certificate of a GM pair and the envelope of its private key for the key's container.
     *
     * @param envelopedKey the ENVELOPEDKEYBLOB ({@link com.ukeybridge.site.kmc.EnvelopedKeyBlob}), the same at every resume
     */
    public record Encryption(byte[] der, String serialNumber, Instant notBefore, Instant notAfter, byte[] envelopedKey) {
        public Encryption {
            Objects.requireNonNull(envelopedKey, "envelopedKey");
        }
    }

    /** A single certificate. */
    public static IssuedCertificate of(CertificateRecord record) {
        return new IssuedCertificate(record.der(), record.serialNumber(), record.subject(), record.notBefore(), record.notAfter(),
                (int) Duration.between(record.notBefore(), record.notAfter()).toDays(), Optional.empty());
    }

    /** The certificate issued here with id {@code signingCertificateId}, with its encryption half when it heads a pair issued here. */
    public static IssuedCertificate load(Connection connection, long signingCertificateId) throws SQLException {
        CertificateRecords certificates = new CertificateRecords(connection);
        IssuedCertificate single = of(certificates.byId(signingCertificateId).orElseThrow());
        Optional<CertificatePair> pair = new CertificatePairs(connection).bySigning(signingCertificateId);
        if (pair.isEmpty() || pair.get().envelopedKey().isEmpty()) {
            return single;
        }
        CertificateRecord encryption = certificates.byId(pair.get().encryptionCertificateId()).orElseThrow();
        return single.withEncryption(new Encryption(encryption.der(), encryption.serialNumber(), encryption.notBefore(),
                encryption.notAfter(), pair.get().envelopedKey().get()));
    }

    IssuedCertificate withEncryption(Encryption value) {
        return new IssuedCertificate(der, serialNumber, subject, notBefore, notAfter, validityDays, Optional.of(value));
    }
}

package com.ukeybridge.site.ra;

import com.ukeybridge.site.ca.Signatures;
import com.ukeybridge.site.issuance.KnownCertificates;
import com.ukeybridge.site.store.AuditEvent;
import com.ukeybridge.site.store.AuditLog;
import com.ukeybridge.site.store.CertificatePair;
import com.ukeybridge.site.store.CertificatePairs;
import com.ukeybridge.site.store.CertificateRecord;
import com.ukeybridge.site.store.CertificateRecords;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * How {@code ra import-cert} recognises the two certificates of an old CA's GM pair
 * (docs/site-api.md, "GM pairs"): both SM2, the same subject and issuer; the signing certificate's
 * keyUsage has digitalSignature, the encryption certificate's has keyEncipherment, dataEncipherment
 * or keyAgreement and not digitalSignature. An encryption certificate is paired with the unpaired
 * signing certificate whose notBefore is nearest its own (a CA issues both at once); the signing
 * certificate may come in the same import or an earlier one.
 */
final class GmPairs {
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int KEY_ENCIPHERMENT = 2;
    private static final int DATA_ENCIPHERMENT = 3;
    private static final int KEY_AGREEMENT = 4;

    private GmPairs() {
    }

    static void pairImported(Connection c, List<X509Certificate> imported, Instant now, String actor) throws SQLException {
        CertificateRecords records = new CertificateRecords(c);
        CertificatePairs pairs = new CertificatePairs(c);
        for (X509Certificate certificate : imported) {
            if (!isSm2(certificate) || !isEncryption(certificate)) {
                continue;
            }
            CertificateRecord encryption = records.byFingerprint(KnownCertificates.fingerprint(RegistrationAuthority.der(certificate))).orElseThrow();
            if (pairs.byEncryption(encryption.id()).isPresent()) {
                continue;
            }
            Optional<CertificateRecord> signing = records.bySubjectAndIssuer(encryption.subject(), encryption.issuer()).stream()
                    .filter(r -> r.id() != encryption.id())
                    .filter(r -> {
                        X509Certificate parsed = parse(r.der());
                        return isSm2(parsed) && isSigning(parsed);
                    })
                    .filter(r -> unpaired(pairs, r))
                    .min(Comparator.comparing(r -> Duration.between(r.notBefore(), encryption.notBefore()).abs()));
            if (signing.isPresent()) {
                pairs.insert(new CertificatePair(signing.get().id(), encryption.id(), Optional.empty(), Optional.empty()), now);
                new AuditLog(c).record(new AuditEvent(now, actor, "CERTIFICATE_PAIRED", signing.get().serialNumber(),
                        "signing certificate " + signing.get().serialNumber() + " and encryption certificate " + encryption.serialNumber()
                                + " of " + encryption.subject() + " are one GM pair"));
            }
        }
    }

    static boolean isSm2(X509Certificate certificate) {
        return Signatures.isSm2(certificate.getPublicKey());
    }

    static boolean isSigning(X509Certificate certificate) {
        boolean[] usage = certificate.getKeyUsage();
        return usage != null && usage[DIGITAL_SIGNATURE];
    }

    static boolean isEncryption(X509Certificate certificate) {
        boolean[] usage = certificate.getKeyUsage();
        return usage != null && !usage[DIGITAL_SIGNATURE] && (usage[KEY_ENCIPHERMENT] || usage[DATA_ENCIPHERMENT] || usage[KEY_AGREEMENT]);
    }

    private static boolean unpaired(CertificatePairs pairs, CertificateRecord record) {
        try {
            return pairs.bySigning(record.id()).isEmpty();
        } catch (SQLException e) {
            throw new com.ukeybridge.site.store.StoreException(e);
        }
    }

    private static X509Certificate parse(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509", Signatures.PROVIDER).generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new IllegalStateException("a recorded certificate does not parse", e);
        }
    }
}

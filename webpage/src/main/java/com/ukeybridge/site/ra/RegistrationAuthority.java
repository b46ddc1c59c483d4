package com.ukeybridge.site.ra;

import com.ukeybridge.site.download.DownloadService;
import com.ukeybridge.site.download.NewAuthorization;
import com.ukeybridge.site.issuance.KnownCertificates;
import com.ukeybridge.site.store.AuditEvent;
import com.ukeybridge.site.store.AuditLog;
import com.ukeybridge.site.store.AuthorizationRecord;
import com.ukeybridge.site.store.AuthorizationRecords;
import com.ukeybridge.site.store.CertificateRecord;
import com.ukeybridge.site.store.CertificateRecords;
import com.ukeybridge.site.store.Database;
import com.ukeybridge.site.store.NewCertificate;
import com.ukeybridge.site.store.RevocationReason;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The RA centre's operations, audited: import certificates of the old CA so that they can be
 * renewed, make download authorizations, list, revoke. What {@code ra …} runs, and the way
 * tests, the demo and benchmarks seed a site from Java:
 * <pre>{@code
 * site.ra().importCertificates(List.of(oldCertificate), "test");
 * NewAuthorization code = site.ra().issueCode("CN=张三,O=某单位,C=CN", "test");
 * }</pre>
 */
public final class RegistrationAuthority {
    private final Database database;
    private final DownloadService downloads;
    private final TrustedIssuers trustedIssuers;
    private final Clock clock;

    public RegistrationAuthority(Database database, DownloadService downloads, TrustedIssuers trustedIssuers, Clock clock) {
        this.database = database;
        this.downloads = downloads;
        this.trustedIssuers = trustedIssuers;
        this.clock = clock;
    }

    /**
     * Admits certificates of the old CA. All or nothing: every one is checked (issuer among the
     * trusted ones, signature verified) before any is recorded; one already known is reported, not added twice.
     *
     * @throws UntrustedCertificateException naming the first certificate that fails
     */
    public List<ImportResult> importCertificates(List<X509Certificate> certificates, String actor) {
        certificates.forEach(trustedIssuers::verify);
        return database.transactionRetryingDuplicates(c -> {
            Instant now = now();
            CertificateRecords records = new CertificateRecords(c);
            List<ImportResult> results = new ArrayList<>();
            for (X509Certificate certificate : certificates) {
                NewCertificate row = KnownCertificates.row(certificate, CertificateRecord.Origin.IMPORTED, Optional.empty(), Optional.empty());
                if (records.byFingerprint(row.fingerprint()).isPresent()) {
                    results.add(new ImportResult(row.serialNumber(), row.subject(), false));
                    continue;
                }
                records.insert(row, now);
                new AuditLog(c).record(new AuditEvent(now, actor, "CERTIFICATE_IMPORTED", row.serialNumber(),
                        row.subject() + " issued by " + row.issuer() + ", notAfter " + row.notAfter()));
                results.add(new ImportResult(row.serialNumber(), row.subject(), true));
            }
            return results;
        });
    }

    /** Makes a download authorization for {@code subject} (RFC 4514); the code is shown once, here. */
    public NewAuthorization issueCode(String subject, String actor) {
        return downloads.authorize(subject, actor);
    }

    /**
     * A new authorization for the subject of {@code referenceNumber} (locked by wrong tries, expired,
     * lost): the old one stays as it is, locked stays locked.
     *
     * @throws IllegalArgumentException when there is no such authorization
     */
    public NewAuthorization reissue(String referenceNumber, String actor) {
        String subject = database.transaction(c -> new AuthorizationRecords(c).lock(referenceNumber))
                .orElseThrow(() -> new IllegalArgumentException("no download authorization with reference number " + referenceNumber))
                .subject();
        NewAuthorization fresh = downloads.authorize(subject, actor);
        database.transaction(c -> {
            new AuditLog(c).record(new AuditEvent(now(), actor, "AUTHORIZATION_REISSUED", referenceNumber,
                    "replaced by " + fresh.referenceNumber() + " for " + subject));
            return null;
        });
        return fresh;
    }

    public List<CertificateRecord> certificates() {
        return database.transaction(c -> new CertificateRecords(c).all());
    }

    public List<AuthorizationRecord> authorizations() {
        return database.transaction(c -> new AuthorizationRecords(c).all());
    }

    public List<AuditEvent> auditEvents() {
        return database.transaction(c -> new AuditLog(c).all());
    }

    /** Checks the audit log's hash chain ({@code ra audit verify}). */
    public AuditLog.Verification verifyAudit() {
        return database.transaction(c -> new AuditLog(c).verify());
    }

    /** Revokes every certificate with this serial number (lowercase hex); empty when there is none. */
    public List<RevokeResult> revoke(String serialNumber, RevocationReason reason, String actor) {
        return database.transaction(c -> {
            Instant now = now();
            CertificateRecords records = new CertificateRecords(c);
            List<RevokeResult> results = new ArrayList<>();
            for (CertificateRecord record : records.bySerialNumber(serialNumber)) {
                boolean revokedNow = records.revoke(record.id(), now, reason);
                if (revokedNow) {
                    new AuditLog(c).record(new AuditEvent(now, actor, "CERTIFICATE_REVOKED", record.serialNumber(),
                            record.subject() + " (" + reason.rfcName() + ")"));
                }
                results.add(new RevokeResult(record.serialNumber(), record.subject(), revokedNow));
            }
            return results;
        });
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}

package com.ukeybridge.site.revocation;

import com.ukeybridge.site.ca.CertificateAuthority;
import com.ukeybridge.site.renewal.RenewalService;
import com.ukeybridge.site.store.CertificateRecord;
import com.ukeybridge.site.store.CertificateRecords;
import com.ukeybridge.site.store.CrlRecords;
import com.ukeybridge.site.store.Database;
import com.ukeybridge.x509.SubjectNames;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The CA's CRL at {@code GET {basePath}crl}. A CRL is stored once signed and shared by every
 * instance; a new one (the next CRL number) is signed when a certificate was revoked since
 * (by {@code ra revoke} in another process too: the count of revocations only grows), and
 * when half of the current one's life ({@link #VALIDITY}) has passed, long before its nextUpdate.
 */
public final class CrlPublisher {
    /** From thisUpdate to nextUpdate. */
    public static final Duration VALIDITY = Duration.ofHours(24);
    static final Duration REFRESH = VALIDITY.dividedBy(2);

    private final Database database;
    private final CertificateAuthority ca;
    private final RenewalService renewals;
    private final Clock clock;
    private final String caName;

    public CrlPublisher(Database database, CertificateAuthority ca, RenewalService renewals, Clock clock) {
        this.database = database;
        this.ca = ca;
        this.renewals = renewals;
        this.clock = clock;
        this.caName = SubjectNames.format(ca.certificate().getSubjectX500Principal());
    }

    /** The current CRL, DER. */
    public byte[] current() {
        renewals.supersedeOverdue();
        return database.transactionRetryingDuplicates(c -> {
            Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            CertificateRecords certificates = new CertificateRecords(c);
            CrlRecords crls = new CrlRecords(c);
            int revokedCount = certificates.revokedCount();
            Optional<CrlRecords.StoredCrl> latest = crls.latest();
            if (latest.isPresent() && latest.get().revokedCount() == revokedCount && now.isBefore(latest.get().thisUpdate().plus(REFRESH))) {
                return latest.get().der();
            }
            long number = latest.map(l -> l.crlNumber() + 1).orElse(1L);
            List<CertificateAuthority.RevokedEntry> entries = certificates.revoked().stream()
                    .filter(this::issuedByThisCa)
                    .map(r -> new CertificateAuthority.RevokedEntry(new BigInteger(r.serialNumber(), 16), r.revokedAt().orElseThrow(),
                            r.revocationReason().orElseThrow().code()))
                    .toList();
            byte[] der = ca.signCrl(entries, number, now, now.plus(VALIDITY));
            crls.insert(new CrlRecords.StoredCrl(number, now, now.plus(VALIDITY), revokedCount, der));
            return der;
        });
    }

    /** Certificates of the old CA (imported) are its CRL's business, not this one's. */
    boolean issuedByThisCa(CertificateRecord record) {
        return record.issuer().equals(caName);
    }
}

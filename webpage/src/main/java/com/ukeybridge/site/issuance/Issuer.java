package com.ukeybridge.site.issuance;

import com.ukeybridge.site.ca.CertificateAuthority;
import com.ukeybridge.site.ca.IssueOrder;
import com.ukeybridge.site.refusal.KeyAlreadyCertifiedException;
import com.ukeybridge.site.store.CertificateRecord;
import com.ukeybridge.site.store.CertificateRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Issues at most one certificate per public key, whatever the retries and races: a request for
 * a key that already has a certificate for the same renewal or authorization gets that
 * certificate back; for another one, {@link KeyAlreadyCertifiedException}. The unique
 * constraint on the issued key settles races between instances (the loser's transaction fails
 * with a duplicate key and is retried, and then finds the winner's certificate).
 */
public final class Issuer {
    private static final Logger LOG = LoggerFactory.getLogger(Issuer.class);

    private final CertificateAuthority ca;

    public Issuer(CertificateAuthority ca) {
        this.ca = Objects.requireNonNull(ca, "ca");
    }

    /** The outcome: the certificate, and whether this call made it. */
    public record Outcome(CertificateRecord certificate, boolean fresh) {
    }

    /** Inside the caller's transaction. */
    public Outcome issue(Connection connection, IssueOrder order, CertificateRecord.Flow flow, String flowRef, Instant now)
            throws SQLException {
        CertificateRecords records = new CertificateRecords(connection);
        String key = PublicKeys.sha256(order.publicKey());
        Optional<CertificateRecord> existing = records.issuedForKey(key);
        if (existing.isPresent()) {
            if (existing.get().flow().equals(Optional.of(flow)) && existing.get().flowRef().equals(Optional.of(flowRef))) {
                return new Outcome(existing.get(), false);
            }
            throw new KeyAlreadyCertifiedException();
        }
        if (!records.forKey(key).isEmpty()) {
            throw new KeyAlreadyCertifiedException();
        }
        var certificate = ca.issue(order);
        long id = records.insert(KnownCertificates.row(certificate, CertificateRecord.Origin.ISSUED, Optional.of(flow),
                Optional.of(flowRef)), now);
        CertificateRecord record = records.byId(id).orElseThrow();
        LOG.info("Issued {} for {} ({} {})", record.serialNumber(), record.subject(), flow, flowRef);
        return new Outcome(record, true);
    }
}

package com.ukeybridge.site.issuance;

import com.ukeybridge.site.ca.CertificateAuthority;
import com.ukeybridge.site.ca.IssueOrder;
import com.ukeybridge.site.kmc.EncryptionKey;
import com.ukeybridge.site.kmc.Kmc;
import com.ukeybridge.site.store.CertificatePair;
import com.ukeybridge.site.store.CertificatePairs;
import com.ukeybridge.site.store.CertificateRecord;
import com.ukeybridge.site.store.CertificateRecords;

import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Issues GM certificates from the SM2 CA (SM3withSM2): a single signing certificate, or a
 * dual-certificate pair, the signing certificate for the request's key and an encryption
 * certificate for a key pair the KMC makes, escrows and envelopes to the signing key. The pair is
 * made once, in the transaction that issues the signing certificate; a retry (same key, same flow)
 * gets the same pair and the same envelope back.
 */
public final class GmIssuer {
    private final CertificateAuthority ca;
    private final Issuer signing;
    private final Kmc kmc;

    public GmIssuer(CertificateAuthority sm2Ca, Kmc kmc) {
        this.ca = Objects.requireNonNull(sm2Ca, "sm2Ca");
        this.signing = new Issuer(sm2Ca);
        this.kmc = Objects.requireNonNull(kmc, "kmc");
    }

    public CertificateAuthority ca() {
        return ca;
    }

    public Kmc kmc() {
        return kmc;
    }

    /** Inside the caller's transaction: {@code dual}, the pair; else the signing certificate alone. */
    public Issuer.Outcome issue(Connection connection, IssueOrder order, boolean dual, CertificateRecord.Flow flow, String flowRef,
                                Instant now) throws SQLException {
        Issuer.Outcome outcome = signing.issue(connection, order, flow, flowRef, now);
        if (!dual || !outcome.fresh()) {
            return outcome;
        }
        EncryptionKey key = kmc.generate(order.publicKey());
        X509Certificate encryption = ca.issue(new IssueOrder(order.subject(), key.publicKey(), order.notBefore(),
                order.validityDays(), IssueOrder.Use.ENCRYPTION));
        long encryptionId = new CertificateRecords(connection).insert(KnownCertificates.row(encryption, CertificateRecord.Origin.ISSUED,
                Optional.of(flow), Optional.of(flowRef)), now);
        new CertificatePairs(connection).insert(new CertificatePair(outcome.certificate().id(), encryptionId,
                Optional.of(key.escrow()), Optional.of(key.envelopedKey())), now);
        return outcome;
    }
}

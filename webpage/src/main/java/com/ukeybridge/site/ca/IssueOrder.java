package com.ukeybridge.site.ca;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

import java.time.Instant;
import java.util.Objects;

/**
 * What to certify: the subject from the site's records (never from the request), the
 * request's public key (or the KMC's encryption key), the validity, and what the key is for.
 */
public record IssueOrder(X500Name subject, SubjectPublicKeyInfo publicKey, Instant notBefore, int validityDays, Use use) {
    /**
     * A signing certificate (keyUsage digitalSignature, clientAuth), or the encryption certificate of
     * a GM pair (keyUsage keyEncipherment, dataEncipherment, keyAgreement; no extendedKeyUsage).
     */
    public enum Use { SIGNING, ENCRYPTION }

    /** A signing certificate. */
    public IssueOrder(X500Name subject, SubjectPublicKeyInfo publicKey, Instant notBefore, int validityDays) {
        this(subject, publicKey, notBefore, validityDays, Use.SIGNING);
    }

    public IssueOrder {
        Objects.requireNonNull(use, "use");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(notBefore, "notBefore");
        if (validityDays < 1) {
            throw new IllegalArgumentException("validityDays must be positive");
        }
    }
}

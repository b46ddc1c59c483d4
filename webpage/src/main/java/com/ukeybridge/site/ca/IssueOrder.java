package com.ukeybridge.site.ca;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

import java.time.Instant;
import java.util.Objects;

/**
 * What to certify: the subject from the site's records (never from the request), the
 * request's public key, and the validity.
 */
public record IssueOrder(X500Name subject, SubjectPublicKeyInfo publicKey, Instant notBefore, int validityDays) {
    public IssueOrder {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(notBefore, "notBefore");
        if (validityDays < 1) {
            throw new IllegalArgumentException("validityDays must be positive");
        }
    }
}

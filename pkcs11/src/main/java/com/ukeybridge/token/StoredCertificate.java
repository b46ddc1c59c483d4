package com.ukeybridge.token;

import java.util.Objects;

/**
 * A certificate as found on a token: the id of the key it pairs with ({@code CKA_ID} in PKCS#11,
 * possibly empty), its label, DER, and what its key is for.
 */
public record StoredCertificate(ObjectId id, String label, byte[] der, CertificateUsage usage) {
    public StoredCertificate {
        der = der.clone();
        Objects.requireNonNull(usage, "usage");
    }

    /** A signing certificate, as every PKCS#11 certificate is. */
    public StoredCertificate(ObjectId id, String label, byte[] der) {
        this(id, label, der, CertificateUsage.SIGNING);
    }

    @Override
    public byte[] der() {
        return der.clone();
    }
}

package com.ukeybridge.token;

import java.util.Arrays;
import java.util.List;
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

    /** Whether two listings hold the same certificates (id, DER and label) in the same order: a poll's test for a change. */
    public static boolean sameListing(List<StoredCertificate> a, List<StoredCertificate> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).id().equals(b.get(i).id()) || !Arrays.equals(a.get(i).der, b.get(i).der)
                    || !a.get(i).label().equals(b.get(i).label())) {
                return false;
            }
        }
        return true;
    }
}

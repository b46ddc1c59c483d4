package com.ukeybridge.token;

/** A public {@code CKO_CERTIFICATE} object as found on a token: its {@code CKA_ID} (possibly empty), label and DER. */
public record StoredCertificate(ObjectId id, String label, byte[] der) {
    public StoredCertificate {
        der = der.clone();
    }

    @Override
    public byte[] der() {
        return der.clone();
    }
}

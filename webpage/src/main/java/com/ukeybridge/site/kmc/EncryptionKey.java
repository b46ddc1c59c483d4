package com.ukeybridge.site.kmc;

import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

import java.util.Objects;

/**
 * What the KMC hands the site for one encryption key pair.
 *
 * @param publicKey    the encryption public key, to certify
 * @param envelopedKey the GM/T 0016 ENVELOPEDKEYBLOB for the signing key's container ({@link EnvelopedKeyBlob})
 * @param escrow       the KMC's escrow of the private key, opaque to the site (the software KMC: the
 *                     PKCS#8 key sealed under its master key); the site keeps it with the pair
 */
public record EncryptionKey(SubjectPublicKeyInfo publicKey, byte[] envelopedKey, byte[] escrow) {
    public EncryptionKey {
        Objects.requireNonNull(publicKey, "publicKey");
        envelopedKey = envelopedKey.clone();
        escrow = escrow.clone();
    }

    @Override
    public byte[] envelopedKey() {
        return envelopedKey.clone();
    }

    @Override
    public byte[] escrow() {
        return escrow.clone();
    }
}

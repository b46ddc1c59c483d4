package com.ukeybridge.site.kmc;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * The key management centre (KMC, 密钥管理中心) of a GM dual-certificate issue: it makes the
 * encryption key pair, escrows its private key and delivers it enveloped to the new signing key.
 * {@link SoftwareKmc} is the site's own; a real KMC takes its place behind this interface.
 */
public interface Kmc {
    /**
     * A fresh SM2 encryption key pair for the container whose signing key is {@code signingKey}.
     *
     * @param signingKey the new signing public key (SM2), which the envelope is encrypted to
     */
    EncryptionKey generate(SubjectPublicKeyInfo signingKey);

    /**
     * The escrowed private key (key recovery by the RA, {@code ra recover-key}).
     *
     * @param escrow what {@link EncryptionKey#escrow()} held
     * @throws KmcException when the escrow does not open (another master key, damaged)
     */
    PrivateKeyInfo recover(byte[] escrow);
}

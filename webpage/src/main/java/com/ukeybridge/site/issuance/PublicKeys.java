package com.ukeybridge.site.issuance;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/** Names and fingerprints of public keys, the same whether they come from a certificate or a request. */
public final class PublicKeys {
    public static final String RSA_2048 = "RSA-2048";
    public static final String EC_P256 = "EC-P256";
    /** An SM2 key (id-ecPublicKey on sm2p256v1, GM/T 0003), as protocol v2 names it. */
    public static final String SM2 = "SM2";

    private PublicKeys() {
    }

    /** Lowercase hex SHA-256 of the DER SubjectPublicKeyInfo: the key's identity in the records. */
    public static String sha256(SubjectPublicKeyInfo key) {
        try {
            return sha256(key.getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code RSA-2048}, {@code EC-P256} or {@code SM2}, the kinds the site certifies; empty for anything else. */
    public static Optional<String> supportedAlgorithm(SubjectPublicKeyInfo key) {
        String name = describe(key);
        return name.equals(RSA_2048) || name.equals(EC_P256) || name.equals(SM2) ? Optional.of(name) : Optional.empty();
    }

    /** A short name of the key's kind, for messages: {@code RSA-2048}, {@code EC-P256}, {@code RSA-1024}, an OID. */
    public static String describe(SubjectPublicKeyInfo key) {
        ASN1ObjectIdentifier algorithm = key.getAlgorithm().getAlgorithm();
        try {
            if (algorithm.equals(PKCSObjectIdentifiers.rsaEncryption)) {
                return "RSA-" + RSAPublicKey.getInstance(key.parsePublicKey()).getModulus().bitLength();
            }
            if (algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
                Object curve = key.getAlgorithm().getParameters();
                if (X9ObjectIdentifiers.prime256v1.equals(curve)) {
                    return EC_P256;
                }
                if (org.bouncycastle.asn1.gm.GMObjectIdentifiers.sm2p256v1.equals(curve)) {
                    return SM2;
                }
                if (SECObjectIdentifiers.secp384r1.equals(curve)) {
                    return "EC-P384";
                }
                return "EC " + curve;
            }
        } catch (IOException | IllegalArgumentException e) {
            return "malformed " + algorithm.getId();
        }
        return algorithm.getId();
    }
}

package com.ukeybridge.agent.skf;

import com.ukeybridge.skf.EccPublicKey;
import com.ukeybridge.skf.SkfLibrary;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.gm.GMNamedCurves;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.util.BigIntegers;

import java.io.IOException;
import java.math.BigInteger;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Optional;

/**
 * SM2 public keys between SKF's {@link EccPublicKey} and Java's {@link PublicKey} (SPKI
 * {@code id-ecPublicKey} with the named curve {@code sm2p256v1}), and the digest an SKF token
 * signs: e = SM3(Z || M), Z over the default ID (GM/T 0009). e is computed here rather than by
 * {@code SKF_DigestInit} with a key and ID, which vendors' libraries do not all get right.
 */
public final class Sm2Keys {
    private static final X9ECParameters CURVE = GMNamedCurves.getByOID(GMObjectIdentifiers.sm2p256v1);
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private Sm2Keys() {
    }

    public static PublicKey toJava(EccPublicKey key) {
        SubjectPublicKeyInfo info = new SubjectPublicKeyInfo(
                new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, GMObjectIdentifiers.sm2p256v1), key.uncompressed());
        try {
            return KeyFactory.getInstance("EC", BC).generatePublic(new X509EncodedKeySpec(info.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Bouncy Castle reads SM2 keys", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SM2 key in {@code key}, or empty when it is no SM2 key (RSA, P-256, a point not on the curve). */
    public static Optional<EccPublicKey> fromJava(PublicKey key) {
        SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(key.getEncoded());
        if (!isSm2(info)) {
            return Optional.empty();
        }
        byte[] point = info.getPublicKeyData().getBytes();
        try {
            CURVE.getCurve().decodePoint(point); // checks the point is on the curve
            return Optional.of(EccPublicKey.fromUncompressed(point));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static boolean isSm2(PublicKey key) {
        return isSm2(SubjectPublicKeyInfo.getInstance(key.getEncoded()));
    }

    private static boolean isSm2(SubjectPublicKeyInfo info) {
        return X9ObjectIdentifiers.id_ecPublicKey.equals(info.getAlgorithm().getAlgorithm())
                && info.getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier curve
                && GMObjectIdentifiers.sm2p256v1.equals(curve);
    }

    /** Z = SM3(ENTL || ID || a || b || xG || yG || xA || yA), with the default ID 1234567812345678. */
    static byte[] z(EccPublicKey key) {
        byte[] id = SkfLibrary.DEFAULT_SM2_ID;
        SM3Digest sm3 = new SM3Digest();
        int bits = id.length * 8;
        sm3.update((byte) (bits >> 8));
        sm3.update((byte) bits);
        sm3.update(id, 0, id.length);
        for (BigInteger value : new BigInteger[] {CURVE.getCurve().getA().toBigInteger(),
                CURVE.getCurve().getB().toBigInteger(), CURVE.getG().getAffineXCoord().toBigInteger(),
                CURVE.getG().getAffineYCoord().toBigInteger()}) {
            sm3.update(BigIntegers.asUnsignedByteArray(32, value), 0, 32);
        }
        sm3.update(key.x(), 0, 32);
        sm3.update(key.y(), 0, 32);
        byte[] z = new byte[32];
        sm3.doFinal(z, 0);
        return z;
    }

    /** e = SM3(Z || M): what {@code SKF_ECCSignData} signs for a signature over {@code message}. */
    static byte[] e(EccPublicKey key, byte[] message) {
        SM3Digest sm3 = new SM3Digest();
        sm3.update(z(key), 0, 32);
        sm3.update(message, 0, message.length);
        byte[] e = new byte[32];
        sm3.doFinal(e, 0);
        return e;
    }
}

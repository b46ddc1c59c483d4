package com.ukeybridge.skf.testing;

import com.ukeybridge.skf.EccPublicKey;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.operator.ContentSigner;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

/** SM3withSM2 certificates from a throwaway SM2 CA, for the certificate slots of containers. */
public final class Sm2Certificates {
    private static final AsymmetricCipherKeyPair CA = Gm.generateKeyPair();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Sm2Certificates() {
    }

    /** A DER certificate for the key; {@code signing} picks digitalSignature or keyEncipherment. */
    public static byte[] issue(String subject, EccPublicKey key, boolean signing) {
        SubjectPublicKeyInfo spki = new SubjectPublicKeyInfo(
                new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, GMObjectIdentifiers.sm2p256v1), key.uncompressed());
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(new X500Name("CN=Test SM2 CA"),
                new BigInteger(64, RANDOM), Date.from(now.minus(1, ChronoUnit.HOURS)), Date.from(now.plus(30, ChronoUnit.DAYS)),
                new X500Name(subject), spki);
        try {
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(signing ? KeyUsage.digitalSignature | KeyUsage.nonRepudiation
                            : KeyUsage.keyEncipherment | KeyUsage.dataEncipherment));
            return builder.build(caSigner()).getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SM3withSM2 with the default ID, over what the builder writes. */
    private static ContentSigner caSigner() {
        AlgorithmIdentifier sigAlg = new AlgorithmIdentifier(GMObjectIdentifiers.sm2sign_with_sm3);
        ByteArrayOutputStream tbs = new ByteArrayOutputStream();
        return new ContentSigner() {
            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return sigAlg;
            }

            @Override
            public OutputStream getOutputStream() {
                return tbs;
            }

            @Override
            public byte[] getSignature() {
                return Gm.sign(CA, tbs.toByteArray());
            }
        };
    }
}

package com.ukeybridge.site.testing;

import com.ukeybridge.site.ca.Signatures;
import org.bouncycastle.asn1.gm.GMNamedCurves;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.crypto.engines.SM2Engine;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

/**
 * SM2 as a GM UKey and an old GM CA do it, with Bouncy Castle independently of the site's code:
 * keys, an old CA's dual pairs, and opening the site's envelope by hand. SM3withSM2 requests and
 * proofs are {@link TestKeys#csr} and {@link TestKeys#sign} with an SM2 key.
 */
public final class GmKeys {
    private static final AtomicLong SERIALS = new AtomicLong(1000);

    private GmKeys() {
    }

    public static KeyPair sm2() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", Signatures.PROVIDER);
            generator.initialize(new ECGenParameterSpec("sm2p256v1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An old GM CA: an SM2 root that issues signing and encryption certificates. */
    public record OldGmCa(KeyPair keys, X509Certificate certificate) {
        public static OldGmCa create() {
            KeyPair keys = sm2();
            X500Name name = new X500Name("CN=某省政务外网 SM2 CA,O=某省数字证书认证中心,C=CN");
            return new OldGmCa(keys, build(name, name, keys.getPublic(), keys.getPrivate(), Instant.parse("2020-01-01T00:00:00Z"),
                    Instant.parse("2040-01-01T00:00:00Z"), -1));
        }

        /** @param keyUsage e.g. {@link KeyUsage#digitalSignature} or {@link KeyUsage#keyEncipherment} */
        public X509Certificate issue(PublicKey key, String subject, Instant notBefore, Instant notAfter, int keyUsage) {
            return build(X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()),
                    X500Name.getInstance(new javax.security.auth.x500.X500Principal(subject).getEncoded()),
                    key, keys.getPrivate(), notBefore, notAfter, keyUsage);
        }
    }

    private static X509Certificate build(X500Name issuer, X500Name subject, PublicKey key, PrivateKey signer, Instant notBefore,
                                         Instant notAfter, int keyUsage) {
        try {
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIALS.incrementAndGet()),
                    Date.from(notBefore), Date.from(notAfter), subject, SubjectPublicKeyInfo.getInstance(key.getEncoded()));
            if (keyUsage < 0) {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
            }
            return new JcaX509CertificateConverter().setProvider(Signatures.PROVIDER).getCertificate(
                    builder.build(new JcaContentSignerBuilder("SM3withSM2").setProvider(Signatures.PROVIDER).build(signer)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Opens the site's 388-byte envelope (docs/site-api.md) as a token would: K from the SM2
     * ciphertext with the signing private key, d = SM4-ECB⁻¹(K, E_K(d)); checks the layout's constants.
     *
     * @return d, 32 bytes
     */
    public static byte[] openEnvelope(byte[] blob, PrivateKey signingKey) {
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(blob).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        if (blob.length != 388 || in.getInt(0) != 1 || in.getInt(4) != 0x401 || in.getInt(8) != 256 || in.getInt(76) != 256
                || in.getInt(368) != 16) {
            throw new IllegalArgumentException("not the site's ENVELOPEDKEYBLOB layout");
        }
        byte[] c1c3c2 = new byte[1 + 64 + 32 + 16];
        c1c3c2[0] = 0x04;
        System.arraycopy(blob, 208 + 32, c1c3c2, 1, 32);
        System.arraycopy(blob, 272 + 32, c1c3c2, 33, 32);
        System.arraycopy(blob, 336, c1c3c2, 65, 32);
        System.arraycopy(blob, 372, c1c3c2, 97, 16);
        try {
            SM2Engine engine = new SM2Engine(SM2Engine.Mode.C1C3C2);
            engine.init(false, (ECPrivateKeyParameters) PrivateKeyFactory.createKey(signingKey.getEncoded()));
            byte[] k = engine.processBlock(c1c3c2, 0, c1c3c2.length);
            SM4Engine sm4 = new SM4Engine();
            sm4.init(false, new KeyParameter(k));
            byte[] d = new byte[32];
            sm4.processBlock(blob, 12 + 32, d, 0);
            sm4.processBlock(blob, 12 + 48, d, 16);
            return d;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The uncompressed point d·G on sm2p256v1, and the envelope's clear public key. */
    public static byte[] publicPoint(byte[] d) {
        ECPoint q = GMNamedCurves.getByName("sm2p256v1").getG().multiply(new BigInteger(1, d)).normalize();
        return q.getEncoded(false);
    }

    public static byte[] envelopePublicPoint(byte[] blob) {
        byte[] point = new byte[65];
        point[0] = 0x04;
        System.arraycopy(blob, 80 + 32, point, 1, 32);
        System.arraycopy(blob, 144 + 32, point, 33, 32);
        return point;
    }

    /** The uncompressed point of an SM2 SubjectPublicKeyInfo (e.g. a certificate's). */
    public static byte[] point(PublicKey key) {
        return SubjectPublicKeyInfo.getInstance(key.getEncoded()).getPublicKeyData().getBytes();
    }

    /** Whether {@code ca}'s key signed {@code certificate} (Bouncy Castle: SM3withSM2 with the default ID). */
    public static boolean signedBy(X509Certificate certificate, X509Certificate ca) {
        try {
            return new org.bouncycastle.cert.X509CertificateHolder(certificate.getEncoded())
                    .isSignatureValid(Signatures.verifierProvider(SubjectPublicKeyInfo.getInstance(ca.getPublicKey().getEncoded())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

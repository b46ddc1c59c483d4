package com.ukeybridge.site.ca;

import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;

/**
 * Where the site's software signatures are made and checked (CA key in PKCS#12, proofs of
 * possession, requests, imported certificates): Bouncy Castle's provider, used directly and not
 * registered with {@code java.security.Security}. Its EC P-256 code signs about three times and
 * verifies about seven times faster than the JDK 17's, which made up two thirds of the site's
 * time per renewal (README, "Benchmark").
 */
public final class Signatures {
    public static final Provider PROVIDER = new BouncyCastleProvider();

    private Signatures() {
    }

    /** GM/T 0003 SM2 with SM3, the default ID {@code 1234567812345678} (Bouncy Castle's default), DER signatures. */
    public static final String SM3_WITH_SM2 = "SM3withSM2";

    /** SHA-256 with the key's kind: ECDSA for EC, PKCS#1 v1.5 for RSA. */
    public static String sha256With(String keyAlgorithm) {
        return "EC".equals(keyAlgorithm) ? "SHA256withECDSA" : "SHA256withRSA";
    }

    /** The signature a key makes here: SM3withSM2 for a key on sm2p256v1, else SHA-256 with the key's kind. */
    public static String algorithmFor(java.security.Key key) {
        return isSm2(key) ? SM3_WITH_SM2 : sha256With(key.getAlgorithm());
    }

    /**
     * Whether the key (public: X.509 SubjectPublicKeyInfo; private: PKCS#8) is an EC key on
     * sm2p256v1. Both the JDK and Bouncy Castle call such keys "EC": only the curve tells.
     */
    public static boolean isSm2(java.security.Key key) {
        byte[] encoded = key.getEncoded();
        if (encoded == null || !"EC".equals(key.getAlgorithm())) {
            return false;
        }
        try {
            org.bouncycastle.asn1.x509.AlgorithmIdentifier algorithm = key instanceof PrivateKey
                    ? org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(encoded).getPrivateKeyAlgorithm()
                    : SubjectPublicKeyInfo.getInstance(encoded).getAlgorithm();
            return org.bouncycastle.asn1.gm.GMObjectIdentifiers.sm2p256v1.equals(algorithm.getParameters());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A signature ready to verify with {@code key} (taken over as a Bouncy Castle key, see {@link #own(PrivateKey)}). */
    public static Signature verifier(String algorithm, PublicKey key) throws GeneralSecurityException {
        Signature signature = Signature.getInstance(algorithm, PROVIDER);
        signature.initVerify(KeyFactory.getInstance(key.getAlgorithm(), PROVIDER).generatePublic(new X509EncodedKeySpec(key.getEncoded())));
        return signature;
    }

    /**
     * {@code key} as a Bouncy Castle key. Keep the result: an EC key of the JDK's would be converted
     * at every signature, and lose the precomputed multiples of the curve's generator that make
     * signing three times faster.
     */
    public static PrivateKey own(PrivateKey key) {
        try {
            return KeyFactory.getInstance(key.getAlgorithm(), PROVIDER).generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot take over the " + key.getAlgorithm() + " key", e);
        }
    }

    /** A signer for one signature with {@code key}: {@link #algorithmFor}. */
    public static ContentSigner signer(PrivateKey key) {
        try {
            return new JcaContentSignerBuilder(algorithmFor(key)).setProvider(PROVIDER).build(key);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Verifies signatures made by {@code key}, e.g. a request's own. */
    public static ContentVerifierProvider verifierProvider(SubjectPublicKeyInfo key) throws OperatorCreationException {
        return new JcaContentVerifierProviderBuilder().setProvider(PROVIDER).build(key);
    }
}

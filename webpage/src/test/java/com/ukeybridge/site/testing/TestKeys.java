package com.ukeybridge.site.testing;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.HexFormat;

/** Software keys standing in for keys on a UKey: what the agent's {@code proveKey} and {@code signCsr} would make. */
public final class TestKeys {
    private TestKeys() {
    }

    public static KeyPair ec() {
        return generate("EC", new ECGenParameterSpec("secp256r1"), 0);
    }

    public static KeyPair rsa(int bits) {
        return generate("RSA", null, bits);
    }

    /**
     * The v2 proof's message, built here from the bytes docs/protocol.md spells out and not with the
     * site's own code, so that a test proves both sides agree: {@code P ‖ SHA-256(origin) ‖
     * SHA-256(challenge) ‖ SHA-256(SubjectPublicKeyInfo of the request)}.
     */
    public static byte[] proofMessage(String origin, byte[] challenge, byte[] csrDer) {
        try {
            byte[] spki = new PKCS10CertificationRequest(csrDer).getSubjectPublicKeyInfo().getEncoded();
            return proofMessageWithBinding(origin, challenge, sha256(spki));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same message for any 32-byte binding. */
    public static byte[] proofMessageWithBinding(String origin, byte[] challenge, byte[] binding) {
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        m.writeBytes(HexFormat.of().parseHex(PROOF_PREFIX_HEX));
        m.writeBytes(sha256(origin.getBytes(StandardCharsets.UTF_8)));
        m.writeBytes(sha256(challenge));
        m.writeBytes(binding);
        return m.toByteArray();
    }

    /** The agent's {@code proveKey} with a binding to the request's key, as the pages call it for a renewal. */
    public static byte[] proveKey(PrivateKey oldKey, String origin, byte[] challenge, byte[] csrDer) {
        return sign(oldKey, proofMessage(origin, challenge, csrDer));
    }

    /** "UKeyBridge proof v2" and a zero byte (docs/protocol.md, the design's P). */
    public static final String PROOF_PREFIX_HEX = "554b65794272696467652070726f6f6620763200";

    public static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA-256 with the key's kind over {@code data}, ECDSA signatures DER (what the agent signs M with). */
    public static byte[] sign(PrivateKey key, byte[] data) {
        try {
            Signature signature = Signature.getInstance("EC".equals(key.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA");
            signature.initSign(key);
            signature.update(data);
            return signature.sign();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The agent's {@code signCsr}: a PKCS#10 request for {@code subject}, signed by the key itself. */
    public static byte[] csr(KeyPair pair, String subject) {
        return csr(pair.getPublic(), pair.getPrivate(), subject);
    }

    /** A request carrying {@code publicKey} but signed by {@code signer}: its own signature does not verify unless they pair. */
    public static byte[] csr(java.security.PublicKey publicKey, PrivateKey signer, String subject) {
        try {
            return new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), publicKey)
                    .build(new JcaContentSignerBuilder("EC".equals(signer.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA").build(signer))
                    .getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate(String algorithm, ECGenParameterSpec spec, int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (spec != null) {
                generator.initialize(spec);
            } else {
                generator.initialize(bits);
            }
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

package com.ukeybridge.site.testing;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;

/** Software keys standing in for keys on a UKey: what the agent's {@code sign} and {@code signCsr} would make. */
public final class TestKeys {
    private TestKeys() {
    }

    public static KeyPair ec() {
        return generate("EC", new ECGenParameterSpec("secp256r1"), 0);
    }

    public static KeyPair rsa(int bits) {
        return generate("RSA", null, bits);
    }

    /** The agent's {@code sign}: SHA-256 with the key's kind, ECDSA signatures DER. */
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

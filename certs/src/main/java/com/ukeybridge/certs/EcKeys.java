package com.ukeybridge.certs;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;

/** EC P-256 key pairs from the JDK's own provider: every browser and OS accepts them for TLS. */
final class EcKeys {
    static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";

    private EcKeys() {
    }

    static KeyPair generateP256(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This Java runtime cannot generate EC P-256 keys", e);
        }
    }
}

package com.ukeybridge.token;

import java.util.Arrays;
import java.util.Optional;

/**
 * Signature algorithms, with the protocol's (JCA) names. The digest is always computed in
 * Java and the token signs it raw ({@code CKM_RSA_PKCS} over a DigestInfo, {@code CKM_ECDSA}
 * over the hash), because many tokens, SoftHSM 2.6 among them, lack the combined mechanisms.
 */
public enum SignatureAlgorithm {
    SHA256_WITH_RSA("SHA256withRSA", KeyType.RSA),
    SHA256_WITH_ECDSA("SHA256withECDSA", KeyType.EC),
    /** SM2 over e = SM3(Z || M), Z with the default ID 1234567812345678 (GM/T 0009); DER (r, s). */
    SM3_WITH_SM2("SM3withSM2", KeyType.SM2);

    /** The family of a key: which signature algorithms it can make. */
    public enum KeyType { RSA, EC, SM2 }

    private final String protocolName;
    private final KeyType keyType;

    SignatureAlgorithm(String protocolName, KeyType keyType) {
        this.protocolName = protocolName;
        this.keyType = keyType;
    }

    public String protocolName() {
        return protocolName;
    }

    public KeyType keyType() {
        return keyType;
    }

    public static Optional<SignatureAlgorithm> fromProtocolName(String name) {
        return Arrays.stream(values()).filter(a -> a.protocolName.equals(name)).findFirst();
    }
}

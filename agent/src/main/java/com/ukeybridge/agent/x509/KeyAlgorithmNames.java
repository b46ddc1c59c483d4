package com.ukeybridge.agent.x509;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import com.ukeybridge.token.KeyAlgorithm;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;

import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;

/** The protocol's {@code keyAlgorithm} names: {@code RSA-2048}, {@code EC-P256}, {@code SM2}, … */
public final class KeyAlgorithmNames {
    private KeyAlgorithmNames() {
    }

    public static String of(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return "RSA-" + rsa.getModulus().bitLength();
        }
        SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(key.getEncoded());
        if (info.getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier curve) {
            if (GMObjectIdentifiers.sm2p256v1.equals(curve)) {
                return KeyAlgorithm.SM2.protocolName();
            }
            String name = ECNamedCurveTable.getName(curve);
            if (name != null) {
                return "EC-" + nistName(name);
            }
            return "EC-" + curve.getId();
        }
        return key.getAlgorithm();
    }

    /** {@code secp256r1}/{@code prime256v1} → {@code P256}, the protocol's spelling. */
    private static String nistName(String curveName) {
        return switch (curveName) {
            case "prime256v1", "secp256r1", "P-256" -> "P256";
            case "secp384r1", "P-384" -> "P384";
            case "secp521r1", "P-521" -> "P521";
            default -> curveName;
        };
    }
}

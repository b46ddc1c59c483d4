package com.ukeybridge.token;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;

/** Public keys rebuilt from a token's attributes, in JCA form. */
final class TokenPublicKeys {
    private TokenPublicKeys() {
    }

    static PublicKey rsa(byte[] modulus, byte[] publicExponent) {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(
                    new RSAPublicKeySpec(new BigInteger(1, modulus), new BigInteger(1, publicExponent)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an RSA public key", e);
        }
    }

    /** @param ecParams {@code CKA_EC_PARAMS}: a DER named-curve OID */
    static PublicKey ec(byte[] ecParams, byte[] ecPoint) {
        try {
            ASN1Primitive params = ASN1Primitive.fromByteArray(ecParams);
            if (!(params instanceof ASN1ObjectIdentifier oid)) {
                throw new IllegalArgumentException("EC parameters are not a named curve");
            }
            X9ECParameters curve = ECNamedCurveTable.getByOID(oid);
            if (curve == null) {
                throw new IllegalArgumentException("unknown curve " + oid);
            }
            byte[] point = rawPoint(ecPoint, (curve.getCurve().getFieldSize() + 7) / 8);
            SubjectPublicKeyInfo spki = new SubjectPublicKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, oid), point);
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki.getEncoded()));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("not an EC public key", e);
        }
    }

    /**
     * {@code CKA_EC_POINT} is a DER OCTET STRING around the point by the standard (SoftHSM does
     * so), but some tokens give the bare point. A bare point has a length fixed by the field size,
     * which a wrapped one never has, so the length decides rather than a trial parse (a bare
     * point can happen to parse as an OCTET STRING).
     */
    static byte[] rawPoint(byte[] ecPoint, int fieldBytes) {
        boolean bareUncompressed = ecPoint.length == 2 * fieldBytes + 1 && ecPoint[0] == 0x04;
        boolean bareCompressed = ecPoint.length == fieldBytes + 1 && (ecPoint[0] == 0x02 || ecPoint[0] == 0x03);
        if (bareUncompressed || bareCompressed) {
            return ecPoint.clone();
        }
        try {
            return ASN1OctetString.getInstance(ASN1Primitive.fromByteArray(ecPoint)).getOctets();
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("CKA_EC_POINT is neither a point nor an OCTET STRING", e);
        }
    }
}

package com.ukeybridge.token;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.Arrays;

/** {@code CKM_ECDSA} answers r‖s, two halves of equal length; JCA and X.509 want {@code SEQUENCE {r, s}}. */
final class EcdsaSignatureFormat {
    private EcdsaSignatureFormat() {
    }

    static byte[] toDer(byte[] rs) {
        if (rs.length == 0 || rs.length % 2 != 0) {
            throw new IllegalArgumentException("r||s must have two halves of equal length, got " + rs.length + " bytes");
        }
        int half = rs.length / 2;
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(rs, 0, half))));
        v.add(new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(rs, half, rs.length))));
        try {
            return new DERSequence(v).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

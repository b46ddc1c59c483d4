package com.ukeybridge.token;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EcdsaSignatureFormatTest {

    @Test
    void whenHalvesHaveHighBitsAndLeadingZeros_thenMinimalPositiveDerIntegers() {
        byte[] rs = new byte[64];
        rs[0] = (byte) 0x80;   // r's top bit set: DER needs a 0x00 in front
        rs[63] = 0x01;         // s = 1 after 31 leading zero bytes: DER drops them

        byte[] der = EcdsaSignatureFormat.toDer(rs);

        ASN1Sequence seq = ASN1Sequence.getInstance(der);
        BigInteger r = ASN1Integer.getInstance(seq.getObjectAt(0)).getValue();
        BigInteger s = ASN1Integer.getInstance(seq.getObjectAt(1)).getValue();
        assertThat(r).isEqualTo(BigInteger.ONE.shiftLeft(255));
        assertThat(s).isEqualTo(BigInteger.ONE);
        assertThat(der).startsWith(0x30, 0x26, 0x02, 0x21, 0x00, 0x80);
        assertThat(der).endsWith(0x02, 0x01, 0x01);
    }

    @Test
    void whenJcaSignatureConvertedToRawAndBack_thenJcaStillVerifies() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair pair = generator.generateKeyPair();
        Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
        signer.initSign(pair.getPrivate());
        signer.update(new byte[] {1, 2, 3});
        byte[] raw = signer.sign();

        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(pair.getPublic());
        verifier.update(new byte[] {1, 2, 3});
        assertThat(verifier.verify(EcdsaSignatureFormat.toDer(raw))).isTrue();
    }

    @Test
    void whenOddLength_thenRejected() {
        assertThatThrownBy(() -> EcdsaSignatureFormat.toDer(new byte[63])).isInstanceOf(IllegalArgumentException.class);
    }
}

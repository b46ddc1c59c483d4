package com.ukeybridge.token;

import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class Sha256DigestInfoTest {
    /** RFC 8017 section 9.2, note 1: the DER prefix of a SHA-256 DigestInfo. */
    private static final byte[] PREFIX = HexFormat.of().parseHex("3031300d060960864801650304020105000420");

    @Test
    void whenEncoded_thenRfc8017PrefixFollowedByTheDigest() {
        byte[] data = "abc".getBytes();

        byte[] info = Sha256DigestInfo.of(data);

        assertThat(info).hasSize(51).startsWith(PREFIX);
        assertThat(Arrays.copyOfRange(info, 19, 51))
                .isEqualTo(HexFormat.of().parseHex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    }

    @Test
    void whenRawRsaSignsTheDigestInfo_thenJcaVerifiesSha256WithRsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Signature raw = Signature.getInstance("NONEwithRSA");
        raw.initSign(pair.getPrivate());
        raw.update(Sha256DigestInfo.of(new byte[] {9}));

        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(pair.getPublic());
        verifier.update(new byte[] {9});
        assertThat(verifier.verify(raw.sign())).isTrue();
    }
}

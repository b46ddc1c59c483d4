package com.ukeybridge.token;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.junit.jupiter.api.Test;

import java.security.KeyPairGenerator;
import java.security.PublicKey;

import static org.assertj.core.api.Assertions.assertThat;

class TokenPublicKeysTest {

    @Test
    void whenEcPointWrappedInOctetString_thenUnwrapped() throws Exception {
        PublicKey key = ecKey();
        byte[] point = point(key);

        PublicKey rebuilt = TokenPublicKeys.ec(X9ObjectIdentifiers.prime256v1.getEncoded(), new DEROctetString(point).getEncoded());

        assertThat(rebuilt.getEncoded()).isEqualTo(key.getEncoded());
    }

    @Test
    void whenEcPointBare_thenTakenAsIs() throws Exception {
        PublicKey key = ecKey();

        PublicKey rebuilt = TokenPublicKeys.ec(X9ObjectIdentifiers.prime256v1.getEncoded(), point(key));

        assertThat(rebuilt.getEncoded()).isEqualTo(key.getEncoded());
    }

    @Test
    void whenBarePointHappensToParseAsOctetString_thenStillTakenAsIs() {
        // 04 3f ... is 65 bytes that also parse as an OCTET STRING of 63 bytes: the length decides.
        byte[] bare = new byte[65];
        bare[0] = 0x04;
        bare[1] = 0x3f;

        assertThat(TokenPublicKeys.rawPoint(bare, 32)).isEqualTo(bare);
    }

    private static PublicKey ecKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair().getPublic();
    }

    private static byte[] point(PublicKey key) {
        return SubjectPublicKeyInfo.getInstance(key.getEncoded()).getPublicKeyData().getBytes();
    }
}

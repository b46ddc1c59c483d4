package com.ukeybridge.agent.skf;

import com.ukeybridge.skf.EccPublicKey;
import com.ukeybridge.skf.testing.Gm;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.junit.jupiter.api.Test;

import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

import static org.assertj.core.api.Assertions.assertThat;

class Sm2KeysTest {
    private final EccPublicKey key = Gm.publicKey(Gm.generateKeyPair());

    @Test
    void whenAnSkfKeyBecomesAJavaKey_thenItsSpkiIsIdEcPublicKeyOnSm2p256v1AndItComesBack() {
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(Sm2Keys.toJava(key).getEncoded());

        assertThat(spki.getAlgorithm().getAlgorithm()).isEqualTo(X9ObjectIdentifiers.id_ecPublicKey);
        assertThat(spki.getAlgorithm().getParameters()).isEqualTo(GMObjectIdentifiers.sm2p256v1);
        assertThat(Sm2Keys.fromJava(Sm2Keys.toJava(key))).contains(key);
    }

    @Test
    void whenTheKeyIsP256_thenItIsNoSm2Key() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));

        assertThat(Sm2Keys.fromJava(generator.generateKeyPair().getPublic())).isEmpty();
    }

    @Test
    void whenTheDigestIsComputed_thenItIsSm3OfZAndTheMessageWithTheDefaultId() {
        byte[] message = "message digest".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        assertThat(Sm2Keys.z(key)).isEqualTo(Gm.z(key, Gm.DEFAULT_ID));
        assertThat(Sm2Keys.e(key, message)).isEqualTo(Gm.e(key, message));
    }
}

package com.ukeybridge.site.kmc;

import com.ukeybridge.skf.EccPublicKey;
import com.ukeybridge.skf.Handles;
import com.ukeybridge.skf.SkfLibrary;
import com.ukeybridge.skf.jna.EnvelopedKeyBlob;
import com.ukeybridge.skf.jna.Packing;
import com.ukeybridge.skf.jna.SkfConstants;
import com.ukeybridge.skf.testing.Gm;
import com.ukeybridge.skf.testing.SoftSkf;
import com.ukeybridge.skf.testing.SoftSkfExtension;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The strongest check of the envelope's format: the site's KMC envelopes an encryption key to the
 * signing key of a softskf container, its 388 bytes go to {@code SKF_ImportECCKeyPair} exactly as
 * they are (the layout is the same packed and natural), and the token then decrypts with it.
 */
@Tag("softskf")
class EnvelopeInSoftSkfTest {
    @RegisterExtension
    static final SoftSkfExtension SOFTSKF = new SoftSkfExtension();
    private static final SkfLibrary skf = SoftSkf.library();
    private final SoftwareKmc kmc = new SoftwareKmc(new SecretKeySpec(Gm.random(32), "AES"));
    private SoftSkfExtension.Session session;
    private Handles.Container container;
    private EccPublicKey signingKey;

    @BeforeEach
    void setUp() {
        session = SOFTSKF.loggedIn("Site KMC test");
        container = skf.createContainer(session.app(), "dual");
        signingKey = skf.generateSigningKeyPair(container, SkfConstants.SGD_SM2_1);
    }

    @AfterEach
    void tearDown() {
        session.close();
    }

    @Test
    void whenTheKmcsEnvelopeIsImportedAsItIs_thenTheTokenHoldsTheEncryptionKeyAndDecryptsWithIt() {
        EncryptionKey key = kmc.generate(spki(signingKey));

        EnvelopedKeyBlob blob = new EnvelopedKeyBlob(Packing.NATURAL, EnvelopedKeyBlob.WRAPPED_KEY_LENGTH);
        assertThat(blob.size()).isEqualTo(key.envelopedKey().length).isEqualTo(com.ukeybridge.site.kmc.EnvelopedKeyBlob.LENGTH);
        blob.getPointer().write(0, key.envelopedKey(), 0, key.envelopedKey().length);
        blob.read();
        assertThat(SoftSkf.raw().SKF_ImportECCKeyPair(container.pointer(), blob)).isZero();

        EccPublicKey encryptionKey = EccPublicKey.fromUncompressed(key.publicKey().getPublicKeyData().getBytes());
        assertThat(skf.exportPublicKey(container, false)).isEqualTo(encryptionKey);
        assertThat(skf.exportPublicKey(container, true)).isEqualTo(signingKey);
        byte[] secret = "sealed to the new encryption certificate".getBytes(StandardCharsets.UTF_8);
        assertThat(skf.decrypt(container, Gm.encrypt(encryptionKey, secret))).isEqualTo(secret);
    }

    @Test
    void whenTheEnvelopeIsForAnotherSigningKey_thenTheTokenRefusesItAndHoldsNoEncryptionKey() {
        EncryptionKey key = kmc.generate(spki(Gm.publicKey(Gm.generateKeyPair())));
        EnvelopedKeyBlob blob = new EnvelopedKeyBlob(Packing.NATURAL, EnvelopedKeyBlob.WRAPPED_KEY_LENGTH);
        blob.getPointer().write(0, key.envelopedKey(), 0, key.envelopedKey().length);
        blob.read();

        assertThat(SoftSkf.raw().SKF_ImportECCKeyPair(container.pointer(), blob)).isNotZero();
        assertThatThrownBy(() -> skf.exportPublicKey(container, false)).isInstanceOf(com.ukeybridge.skf.SkfException.class);
        assertThat(skf.exportPublicKey(container, true)).isEqualTo(signingKey);
    }

    @Test
    void whenTheEscrowIsOpened_thenItIsThePrivateKeyOfTheCertifiedPublicKey() throws Exception {
        EncryptionKey key = kmc.generate(spki(signingKey));
        byte[] d = org.bouncycastle.util.BigIntegers.asUnsignedByteArray(32,
                org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(kmc.recover(key.escrow()).parsePrivateKey()).getKey());
        assertThat(com.ukeybridge.site.testing.GmKeys.publicPoint(d)).isEqualTo(key.publicKey().getPublicKeyData().getBytes());
    }

    private static SubjectPublicKeyInfo spki(EccPublicKey key) {
        return new SubjectPublicKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, GMObjectIdentifiers.sm2p256v1),
                key.uncompressed());
    }
}

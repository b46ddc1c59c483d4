package com.ukeybridge.skf;

import com.ukeybridge.skf.jna.SkfConstants;
import com.ukeybridge.skf.testing.Gm;
import com.ukeybridge.skf.testing.OpenSsl;
import com.ukeybridge.skf.testing.SoftSkf;
import com.ukeybridge.skf.testing.SoftSkfExtension;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.paddings.PaddedBufferedBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The dual-certificate model: an encryption key pair made elsewhere (as the site's KMC will, here
 * with Bouncy Castle) and delivered in an {@code ENVELOPEDKEYBLOB} to the container's signing key;
 * the device opens it and then decrypts what was encrypted to the encryption public key.
 */
@Tag("softskf")
class EnvelopedKeyTest {
    @RegisterExtension
    static final SoftSkfExtension SOFTSKF = new SoftSkfExtension();
    private static final SkfLibrary skf = SoftSkf.library();
    private SoftSkfExtension.Session session;
    private Handles.Device device;
    private Handles.Application app;
    private Handles.Container container;
    private EccPublicKey signingKey;

    @BeforeEach
    void setUp() {
        session = SOFTSKF.loggedIn("Envelope test");
        device = session.device();
        app = session.app();
        container = skf.createContainer(app, "dual");
        signingKey = skf.generateSigningKeyPair(container, SkfConstants.SGD_SM2_1);
    }

    @AfterEach
    void tearDown() {
        session.close();
    }

    @Test
    void whenAnEnvelopeIsImported_thenTheEncryptionKeyDecryptsWhatWasEncryptedToIt() {
        AsymmetricCipherKeyPair encryption = Gm.generateKeyPair();
        skf.importEncryptionKeyPair(container, Gm.envelope(encryption, signingKey));

        assertThat(skf.exportPublicKey(container, false)).isEqualTo(Gm.publicKey(encryption));
        assertThat(skf.exportPublicKey(container, true)).isEqualTo(signingKey);
        byte[] secret = "for the encryption certificate's holder".getBytes(StandardCharsets.UTF_8);
        assertThat(skf.decrypt(container, Gm.encrypt(Gm.publicKey(encryption), secret))).isEqualTo(secret);
        assertThat(skf.decrypt(container, OpenSsl.encrypt(Gm.publicKey(encryption), secret))).isEqualTo(secret);
    }

    @Test
    void whenASessionKeyIsWrappedToTheEncryptionKey_thenTheStandardPathDecryptsWithIt() throws Exception {
        AsymmetricCipherKeyPair encryption = Gm.generateKeyPair();
        skf.importEncryptionKeyPair(container, Gm.envelope(encryption, signingKey));
        byte[] sessionKey = Gm.random(16);
        byte[] iv = Gm.random(16);
        byte[] message = "a document sealed with SM4-CBC".getBytes(StandardCharsets.UTF_8);
        PaddedBufferedBlockCipher cbc = new PaddedBufferedBlockCipher(CBCBlockCipher.newInstance(new SM4Engine()));
        cbc.init(true, new ParametersWithIV(new KeyParameter(sessionKey), iv));
        byte[] sealed = new byte[cbc.getOutputSize(message.length)];
        int n = cbc.processBytes(message, 0, message.length, sealed, 0);
        cbc.doFinal(sealed, n);

        Handles.SessionKey key = skf.importSessionKey(container, SkfConstants.SGD_SM4_CBC,
                Gm.encrypt(Gm.publicKey(encryption), sessionKey));
        assertThat(skf.decrypt(key, iv, SkfConstants.PKCS5_PADDING, sealed)).isEqualTo(message);
        assertThat(skf.encrypt(key, iv, SkfConstants.PKCS5_PADDING, message)).isEqualTo(sealed);
        skf.close(key);
    }

    @Test
    void whenTheDeviceEncryptsToAKey_thenBouncyCastleDecryptsAndBack() {
        AsymmetricCipherKeyPair pair = Gm.generateKeyPair();
        byte[] plaintext = Gm.random(100);
        EccCipher cipher = skf.encryptExternal(device, Gm.publicKey(pair), plaintext);
        assertThat(cipher.cipher()).hasSize(100);
        assertThat(Gm.decrypt(pair, cipher)).isEqualTo(plaintext);
        assertThat(skf.decryptExternal(device, Gm.privateKey(pair), Gm.encrypt(Gm.publicKey(pair), plaintext)))
                .isEqualTo(plaintext);
    }

    @Test
    void whenTheEnvelopesPublicKeyIsNotTheEnclosedKeys_thenImportFailsAndNothingIsStored() {
        EnvelopedKey honest = Gm.envelope(Gm.generateKeyPair(), signingKey);
        EnvelopedKey mismatched = new EnvelopedKey(honest.symAlgId(), honest.encryptedPrivateKey(),
                Gm.publicKey(Gm.generateKeyPair()), honest.wrappedKey());
        assertThatThrownBy(() -> skf.importEncryptionKeyPair(container, mismatched))
                .isInstanceOfSatisfying(SkfException.class, e -> assertThat(e.is(SarCode.SAR_INDATAERR)).isTrue());
        assertNoEncryptionKey();
    }

    @Test
    void whenTheEnvelopeWasMadeForAnotherSigningKey_thenImportFailsAndNothingIsStored() {
        EnvelopedKey forSomeoneElse = Gm.envelope(Gm.generateKeyPair(), Gm.publicKey(Gm.generateKeyPair()));
        assertThatThrownBy(() -> skf.importEncryptionKeyPair(container, forSomeoneElse))
                .isInstanceOfSatisfying(SkfException.class, e -> assertThat(e.is(SarCode.SAR_INDATAERR)).isTrue());
        assertNoEncryptionKey();
    }

    @Test
    void whenTheEnvelopeUsesSm1_thenItIsNotSupported() {
        EnvelopedKey sm4 = Gm.envelope(Gm.generateKeyPair(), signingKey);
        EnvelopedKey sm1 = new EnvelopedKey(SkfConstants.SGD_SM1_ECB, sm4.encryptedPrivateKey(), sm4.publicKey(),
                sm4.wrappedKey());
        assertThatThrownBy(() -> skf.importEncryptionKeyPair(container, sm1))
                .isInstanceOfSatisfying(SkfException.class, e -> assertThat(e.is(SarCode.SAR_NOTSUPPORTYETERR)).isTrue());
        assertNoEncryptionKey();
    }

    @Test
    void whenTheContainerHasNoSigningKey_thenThereIsNothingToOpenTheEnvelopeWith() {
        Handles.Container empty = skf.createContainer(app, "empty");
        assertThatThrownBy(() -> skf.importEncryptionKeyPair(empty, Gm.envelope(Gm.generateKeyPair(), signingKey)))
                .isInstanceOfSatisfying(SkfException.class, e -> assertThat(e.is(SarCode.SAR_KEYNOTFOUNTERR)).isTrue());
    }

    @Test
    void whenNoEncryptionKeyIsThere_thenDecryptionSaysKeyNotFound() {
        EccCipher cipher = Gm.encrypt(signingKey, new byte[] {1});
        assertThatThrownBy(() -> skf.decrypt(container, cipher))
                .isInstanceOfSatisfying(SkfException.class, e -> assertThat(e.is(SarCode.SAR_KEYNOTFOUNTERR)).isTrue());
    }

    @Test
    void whenTheCiphertextWasTamperedWith_thenDecryptionFails() {
        AsymmetricCipherKeyPair encryption = Gm.generateKeyPair();
        skf.importEncryptionKeyPair(container, Gm.envelope(encryption, signingKey));
        EccCipher cipher = Gm.encrypt(Gm.publicKey(encryption), "tamper".getBytes(StandardCharsets.UTF_8));
        byte[] c2 = cipher.cipher();
        c2[0] ^= 1;
        EccCipher tampered = new EccCipher(cipher.x(), cipher.y(), cipher.hash(), c2);
        assertThatThrownBy(() -> skf.decrypt(container, tampered))
                .isInstanceOfSatisfying(SkfException.class, e -> assertThat(e.is(SarCode.SAR_INDATAERR)).isTrue());
    }

    private void assertNoEncryptionKey() {
        assertThatThrownBy(() -> skf.exportPublicKey(container, false))
                .isInstanceOfSatisfying(SkfException.class, e -> assertThat(e.is(SarCode.SAR_KEYNOTFOUNTERR)).isTrue());
    }
}

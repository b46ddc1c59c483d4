package com.ukeybridge.skf;

import com.ukeybridge.skf.jna.SkfConstants;
import com.ukeybridge.skf.testing.Gm;
import com.ukeybridge.skf.testing.OpenSsl;
import com.ukeybridge.skf.testing.SoftSkf;
import com.ukeybridge.skf.testing.SoftSkfExtension;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SM2 signing keys made on the device and their signatures over e = SM3(Z || M), checked with
 * Bouncy Castle's SM2Signer, with {@code openssl pkeyutl -verify}, and against the GM/T 0003.5 /
 * GB/T 32918.5 Annex A example (key, Z, e, r, s).
 */
@Tag("softskf")
class Sm2SignatureTest {
    private static final HexFormat HEX = HexFormat.of();
    /** GM/T 0003.5 Annex A: M = "message digest", ID = "1234567812345678". */
    private static final byte[] M = "message digest".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] D = hex("3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8");
    private static final EccPublicKey PUB = new EccPublicKey(
            hex("09F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020"),
            hex("CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13"));
    private static final byte[] Z = hex("B2E14C5C79C6DF5B85F4FE7ED8DB7A262B9DA7E07CCB0EA9F4747B8CCDA8A4F3");
    private static final byte[] E = hex("F0B43E94BA45ACCAACE692ED534382EB17E6AB5A19CE7B31F4486FDFC0D28640");
    private static final EccSignature SIGNATURE = new EccSignature(
            hex("F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3"),
            hex("B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA"));

    @RegisterExtension
    static final SoftSkfExtension SOFTSKF = new SoftSkfExtension();
    private static final SkfLibrary skf = SoftSkf.library();
    private final SoftSkf softSkf = SOFTSKF.softSkf();
    private SoftSkfExtension.Session session;
    private String name;
    private Handles.Device device;
    private Handles.Application app;
    private Handles.Container container;

    @BeforeEach
    void setUp() {
        session = SOFTSKF.loggedIn("Signature test");
        name = session.name();
        device = session.device();
        app = session.app();
        container = skf.createContainer(app, "signing");
    }

    @AfterEach
    void tearDown() {
        session.close();
    }

    @Test
    void whenComputedByHand_thenZAndEMatchThePublishedExample() {
        assertThat(Gm.z(PUB, Gm.DEFAULT_ID)).isEqualTo(Z);
        assertThat(Gm.e(PUB, M)).isEqualTo(E);
    }

    @Test
    void whenTheDeviceHashesWithTheKeyAndId_thenItProducesThePublishedE() {
        Handles.Hash hash = skf.digestInit(device, SkfConstants.SGD_SM3, PUB, SkfLibrary.DEFAULT_SM2_ID);
        assertThat(skf.digest(hash, M)).isEqualTo(E);
        skf.close(hash);
        Handles.Hash inParts = skf.digestInit(device, SkfConstants.SGD_SM3, PUB, SkfLibrary.DEFAULT_SM2_ID);
        skf.digestUpdate(inParts, "message ".getBytes(StandardCharsets.US_ASCII));
        skf.digestUpdate(inParts, "digest".getBytes(StandardCharsets.US_ASCII));
        assertThat(skf.digestFinal(inParts)).isEqualTo(E);
        skf.close(inParts);
    }

    @Test
    void whenTheDeviceHashesWithoutAnId_thenItIsPlainSm3() {
        Handles.Hash hash = skf.digestInit(device, SkfConstants.SGD_SM3, null, null);
        assertThat(skf.digest(hash, "abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(hex("66C7F0F462EEEDD9D1F2D46BDC10E4E24167C4875CF2F7A2297DA02B8F4BA8E0"));
        skf.close(hash);
    }

    @Test
    void whenThePublishedSignatureIsVerified_thenItHoldsAndAChangedOneDoesNot() {
        skf.verify(device, PUB, E, SIGNATURE);
        skf.verifyExternal(device, PUB, E, SIGNATURE);
        byte[] s = SIGNATURE.s();
        s[31] ^= 1;
        assertThatThrownBy(() -> skf.verifyExternal(device, PUB, E, new EccSignature(SIGNATURE.r(), s)))
                .isInstanceOfSatisfying(SkfException.class, e -> assertThat(e.is(SarCode.SAR_FAIL)).isTrue());
        assertThat(Gm.verify(PUB, M, SIGNATURE.toDer())).isTrue();
        assertThat(OpenSsl.verify(PUB, M, SIGNATURE.toDer())).isTrue();
    }

    @Test
    void whenTheDeviceSigns_thenBouncyCastleAndOpenSslVerify() {
        EccPublicKey key = skf.generateSigningKeyPair(container, SkfConstants.SGD_SM2_1);
        assertThat(skf.exportPublicKey(container, true)).isEqualTo(key);
        byte[] message = "a CSR's TBS, say".getBytes(StandardCharsets.UTF_8);
        EccSignature signature = skf.signDigest(container, Gm.e(key, message));
        assertThat(Gm.verify(key, message, signature.toDer())).isTrue();
        assertThat(OpenSsl.verify(key, message, signature.toDer())).isTrue();
        assertThat(OpenSsl.verify(key, "another message".getBytes(StandardCharsets.UTF_8), signature.toDer())).isFalse();
        skf.verifyExternal(device, key, Gm.e(key, message), signature);
    }

    @Test
    void whenTheGmT0006AlgorithmIdIsUsed_thenItAlsoMeansSm2Signing() {
        EccPublicKey key = skf.generateSigningKeyPair(container, SkfConstants.SGD_SM2_1_GMT0006);
        byte[] message = {1, 2, 3};
        assertThat(Gm.verify(key, message, skf.signDigest(container, Gm.e(key, message)).toDer())).isTrue();
    }

    @Test
    void whenBouncyCastleSigns_thenTheDeviceVerifies() {
        AsymmetricCipherKeyPair pair = Gm.generateKeyPair();
        EccPublicKey key = Gm.publicKey(pair);
        byte[] message = "signed elsewhere".getBytes(StandardCharsets.UTF_8);
        byte[] der = Gm.sign(pair, message);
        EccSignature signature = Gm.signatureFromDer(der);
        assertThat(signature.toDer()).isEqualTo(der);
        skf.verifyExternal(device, key, Gm.e(key, message), signature);
    }

    @Test
    void whenSigningWithAnExternalKey_thenThePublishedKeysSignatureVerifies() {
        EccSignature signature = skf.signExternal(device, D, E);
        assertThat(Gm.verify(PUB, M, signature.toDer())).isTrue();
    }

    @Test
    void whenTheInputIsNotA32ByteDigest_thenSigningRefusesIt() {
        skf.generateSigningKeyPair(container, SkfConstants.SGD_SM2_1);
        assertThatThrownBy(() -> skf.signDigest(container, new byte[31]))
                .isInstanceOfSatisfying(SkfException.class, e -> assertThat(e.is(SarCode.SAR_INDATALENERR)).isTrue());
    }

    @Test
    void whenThereIsNoSigningKeyOrNoPin_thenSigningSaysWhy() {
        assertThatThrownBy(() -> skf.signDigest(container, E))
                .isInstanceOfSatisfying(SkfException.class, e -> assertThat(e.is(SarCode.SAR_KEYNOTFOUNTERR)).isTrue());
        skf.generateSigningKeyPair(container, SkfConstants.SGD_SM2_1);
        skf.clearSecureState(app);
        assertThatThrownBy(() -> skf.signDigest(container, E))
                .isInstanceOfSatisfying(SkfException.class, e -> assertThat(e.is(SarCode.SAR_USER_NOT_LOGGED_IN)).isTrue());
        assertThatThrownBy(() -> skf.generateSigningKeyPair(container, SkfConstants.SGD_SM2_1))
                .isInstanceOfSatisfying(SkfException.class, e -> assertThat(e.is(SarCode.SAR_USER_NOT_LOGGED_IN)).isTrue());
    }

    @Test
    void whenAnRsaKeyIsAsked_thenItIsNotSupported() {
        assertThatThrownBy(() -> skf.generateSigningKeyPair(container, SkfConstants.SGD_RSA))
                .isInstanceOfSatisfying(SkfException.class, e -> assertThat(e.is(SarCode.SAR_NOTSUPPORTYETERR)).isTrue());
        assertThat(skf.containerType(container)).isEqualTo(SkfConstants.CONTAINER_TYPE_EMPTY);
    }

    @Test
    void whenTheKeyIsMade_thenItsPrivateHalfStaysInTheDeviceFolderOnly() throws Exception {
        skf.generateSigningKeyPair(container, SkfConstants.SGD_SM2_1);
        var state = softSkf.directory().resolve(name).resolve("state");
        assertThat(Files.readString(state)).contains("key sign ");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(state)))
                .isEqualTo("rw-------");
    }

    private static byte[] hex(String value) {
        return HEX.parseHex(value.toLowerCase());
    }
}

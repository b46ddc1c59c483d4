package com.ukeybridge.skf;

import com.sun.jna.Native;
import com.ukeybridge.skf.jna.Packing;
import com.ukeybridge.skf.jna.Skf;
import com.ukeybridge.skf.jna.SkfConstants;
import com.ukeybridge.skf.testing.Gm;
import com.ukeybridge.skf.testing.SoftSkf;
import com.ukeybridge.skf.testing.SoftSkfExtension;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The binding's 1-byte packing against a real library built that way ({@code libsoftskf-packed.so},
 * skf.h with {@code #pragma pack(1)}, as Windows vendors ship it): DEVINFO decodes, and keys,
 * signatures and envelopes cross the boundary intact.
 */
@Tag("softskf")
class PackedLibraryTest {
    @RegisterExtension
    static final SoftSkfExtension SOFTSKF = new SoftSkfExtension();
    private static final Skf PACKED_RAW =
            Native.load(SoftSkf.NATIVE.resolve("libsoftskf-packed.so").toAbsolutePath().toString(), Skf.class);
    private static final SkfLibrary PACKED = new SkfLibrary(PACKED_RAW, Packing.PACKED);

    @Test
    void whenReadWithPackedLayout_thenDevInfoDecodesFully() {
        String name = SOFTSKF.softSkf().initDevice("Packed", "123456", "--serial", "PACK01");
        Handles.Device device = PACKED.connect(name);
        DeviceInfo info = PACKED.deviceInfo(device);
        assertThat(info.label()).isEqualTo("Packed");
        assertThat(info.serialNumber()).isEqualTo("PACK01");
        assertThat(info.algSymCap()).isEqualTo(SkfConstants.SGD_SM4_ECB | SkfConstants.SGD_SM4_CBC);
        assertThat(info.algHashCap()).isEqualTo(SkfConstants.SGD_SM3);
        assertThat(info.maxEccBufferSize()).isEqualTo(256);
        assertThat(info.maxBufferSize()).isEqualTo(65536);
        PACKED.disconnect(device);
    }

    @Test
    void whenReadWithTheWrongLayout_thenTheNumbersAfterTheSerialComeOutShifted() {
        String name = SOFTSKF.softSkf().initDevice("Mismatch", "123456");
        SkfLibrary wrong = new SkfLibrary(PACKED_RAW, Packing.NATURAL);
        Handles.Device device = wrong.connect(name);
        DeviceInfo info = wrong.deviceInfo(device);
        assertThat(info.label()).isEqualTo("Mismatch"); // before the shift
        assertThat(info.algHashCap()).isNotEqualTo(SkfConstants.SGD_SM3);
        wrong.disconnect(device);
    }

    @Test
    void whenSigningAndImportingAnEnvelopeThroughThePackedLayout_thenEverythingChecksOut() {
        String name = SOFTSKF.softSkf().initDevice("Packed dual", "123456");
        Handles.Device device = PACKED.connect(name);
        Handles.Application app = PACKED.openApplication(device, SoftSkf.APPLICATION);
        PACKED.verifyPin(app, PinType.USER, "123456".toCharArray());
        Handles.Container container = PACKED.createContainer(app, "dual");
        EccPublicKey signingKey = PACKED.generateSigningKeyPair(container, SkfConstants.SGD_SM2_1);
        byte[] message = "packed".getBytes(StandardCharsets.UTF_8);
        assertThat(Gm.verify(signingKey, message, PACKED.signDigest(container, Gm.e(signingKey, message)).toDer())).isTrue();

        AsymmetricCipherKeyPair encryption = Gm.generateKeyPair();
        PACKED.importEncryptionKeyPair(container, Gm.envelope(encryption, signingKey));
        assertThat(PACKED.exportPublicKey(container, false)).isEqualTo(Gm.publicKey(encryption));
        byte[] secret = Gm.random(40);
        assertThat(PACKED.decrypt(container, Gm.encrypt(Gm.publicKey(encryption), secret))).isEqualTo(secret);
        PACKED.disconnect(device);
    }
}

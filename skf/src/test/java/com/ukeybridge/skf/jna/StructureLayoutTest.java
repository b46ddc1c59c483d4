package com.ukeybridge.skf.jna;

import com.sun.jna.Structure;
import com.ukeybridge.skf.testing.SoftSkf;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JNA structures against GM/T 0016's layouts under both packings: the figures from the open
 * headers (skf-facts §2), and the C compiler's own {@code sizeof}/{@code offsetof} for softskf's
 * skf.h built natural ({@code softskf-layout}) and with {@code #pragma pack(1)} ({@code softskf-layout-packed}).
 */
class StructureLayoutTest {

    @Test
    void whenPacked_thenDevInfoIs294BytesWithCapabilitiesAt198() {
        DevInfo info = new DevInfo(Packing.PACKED);
        assertThat(info.size()).isEqualTo(294);
        assertThat(offset(info, "label")).isEqualTo(130);
        assertThat(offset(info, "serialNumber")).isEqualTo(162);
        assertThat(offset(info, "hwVersion")).isEqualTo(194);
        assertThat(offset(info, "firmwareVersion")).isEqualTo(196);
        assertThat(offset(info, "algSymCap")).isEqualTo(198);
        assertThat(offset(info, "maxBufferSize")).isEqualTo(226);
        assertThat(offset(info, "reserved")).isEqualTo(230);
    }

    @Test
    void whenNatural_thenDevInfoIs296BytesWithCapabilitiesAt200() {
        DevInfo info = new DevInfo(Packing.NATURAL);
        assertThat(info.size()).isEqualTo(296);
        assertThat(offset(info, "firmwareVersion")).isEqualTo(196);
        assertThat(offset(info, "algSymCap")).isEqualTo(200);
        assertThat(offset(info, "maxBufferSize")).isEqualTo(228);
        assertThat(offset(info, "reserved")).isEqualTo(232);
    }

    @ParameterizedTest
    @ValueSource(ints = {Structure.ALIGN_NONE, Structure.ALIGN_DEFAULT})
    void whenEitherPacking_thenTheKeyAndSignatureBlobsHaveOneLayout(int alignment) {
        EccPublicKeyBlob pub = new EccPublicKeyBlob(alignment);
        assertThat(pub.size()).isEqualTo(132);
        assertThat(offset(pub, "xCoordinate")).isEqualTo(4);
        assertThat(offset(pub, "yCoordinate")).isEqualTo(68);
        assertThat(new EccPrivateKeyBlob(alignment).size()).isEqualTo(68);
        assertThat(new EccSignatureBlob(alignment).size()).isEqualTo(128);
        BlockCipherParam param = new BlockCipherParam(alignment);
        assertThat(param.size()).isEqualTo(44);
        assertThat(offset(param, "ivLen")).isEqualTo(32);
        assertThat(offset(param, "feedBitLen")).isEqualTo(40);
    }

    @Test
    void whenCipherBlobHasOneByte_thenItIs165PackedAnd168Natural() {
        EccCipherBlob packed = new EccCipherBlob(Packing.PACKED, 1);
        EccCipherBlob natural = new EccCipherBlob(Packing.NATURAL, 1);
        assertThat(packed.size()).isEqualTo(165);
        assertThat(natural.size()).isEqualTo(168);
        for (EccCipherBlob blob : new EccCipherBlob[] {packed, natural}) {
            assertThat(offset(blob, "hash")).isEqualTo(128);
            assertThat(offset(blob, "cipherLen")).isEqualTo(160);
            assertThat(offset(blob, "cipher")).isEqualTo(EccCipherBlob.CIPHER_OFFSET);
        }
    }

    @Test
    void whenCipherBlobHoldsTwentyBytes_thenItIsExactly164PlusTwenty() {
        assertThat(new EccCipherBlob(Packing.PACKED, 20).size()).isEqualTo(184);
        assertThat(new EccCipherBlob(Packing.NATURAL, 20).size()).isEqualTo(184);
    }

    @ParameterizedTest
    @ValueSource(ints = {Structure.ALIGN_NONE, Structure.ALIGN_DEFAULT})
    void whenEitherPacking_thenTheEnvelopeHasItsFieldsAtTheStandardOffsets(int alignment) {
        EnvelopedKeyBlob envelope = new EnvelopedKeyBlob(alignment, EnvelopedKeyBlob.WRAPPED_KEY_LENGTH);
        assertThat(offset(envelope, "encryptedPrivateKey")).isEqualTo(12);
        assertThat(offset(envelope, "pubKey")).isEqualTo(76);
        assertThat(offset(envelope, "eccCipherBlob")).isEqualTo(208);
        assertThat(envelope.size()).isEqualTo(208 + 164 + 16);
    }

    @Test
    void whenEnvelopeHasCsOneByteCipher_thenItsSizeIsTheCSizeof() {
        assertThat(new EnvelopedKeyBlob(Packing.PACKED, 1).size()).isEqualTo(373);
        assertThat(new EnvelopedKeyBlob(Packing.NATURAL, 1).size()).isEqualTo(376);
    }

    @Tag("softskf")
    @ParameterizedTest
    @ValueSource(strings = {"softskf-layout", "softskf-layout-packed"})
    void whenTheCCompilerLaysOutSkfH_thenJnaAgrees(String probe) throws Exception {
        Map<String, Integer> c = layoutFrom(probe);
        int alignment = probe.endsWith("packed") ? Packing.PACKED : Packing.NATURAL;
        DevInfo info = new DevInfo(alignment);
        assertThat(info.size()).isEqualTo(c.get("sizeof.DEVINFO"));
        assertThat(offset(info, "label")).isEqualTo(c.get("offset.DEVINFO.Label"));
        assertThat(offset(info, "firmwareVersion")).isEqualTo(c.get("offset.DEVINFO.FirmwareVersion"));
        assertThat(offset(info, "algSymCap")).isEqualTo(c.get("offset.DEVINFO.AlgSymCap"));
        assertThat(offset(info, "maxBufferSize")).isEqualTo(c.get("offset.DEVINFO.MaxBufferSize"));
        assertThat(offset(info, "reserved")).isEqualTo(c.get("offset.DEVINFO.Reserved"));
        assertThat(new EccPublicKeyBlob(alignment).size()).isEqualTo(c.get("sizeof.ECCPUBLICKEYBLOB"));
        assertThat(new EccPrivateKeyBlob(alignment).size()).isEqualTo(c.get("sizeof.ECCPRIVATEKEYBLOB"));
        assertThat(new EccSignatureBlob(alignment).size()).isEqualTo(c.get("sizeof.ECCSIGNATUREBLOB"));
        EccCipherBlob cipher = new EccCipherBlob(alignment, 1);
        assertThat(cipher.size()).isEqualTo(c.get("sizeof.ECCCIPHERBLOB"));
        assertThat(offset(cipher, "cipherLen")).isEqualTo(c.get("offset.ECCCIPHERBLOB.CipherLen"));
        assertThat(offset(cipher, "cipher")).isEqualTo(c.get("offset.ECCCIPHERBLOB.Cipher"));
        assertThat(new BlockCipherParam(alignment).size()).isEqualTo(c.get("sizeof.BLOCKCIPHERPARAM"));
        EnvelopedKeyBlob envelope = new EnvelopedKeyBlob(alignment, 1);
        assertThat(envelope.size()).isEqualTo(c.get("sizeof.ENVELOPEDKEYBLOB"));
        assertThat(offset(envelope, "pubKey")).isEqualTo(c.get("offset.ENVELOPEDKEYBLOB.PubKey"));
        assertThat(offset(envelope, "eccCipherBlob")).isEqualTo(c.get("offset.ENVELOPEDKEYBLOB.ECCCipherBlob"));
    }

    private static Map<String, Integer> layoutFrom(String probe) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(SoftSkf.NATIVE.resolve(probe).toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        Map<String, Integer> layout = new HashMap<>();
        output.lines().map(line -> line.split(" ")).forEach(parts -> layout.put(parts[0], Integer.parseInt(parts[1])));
        return layout;
    }

    /** Structure.fieldOffset is protected: reach it through the structure's own class. */
    private static int offset(Structure structure, String field) {
        try {
            var method = Structure.class.getDeclaredMethod("fieldOffset", String.class);
            method.setAccessible(true);
            return (int) method.invoke(structure, field);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}

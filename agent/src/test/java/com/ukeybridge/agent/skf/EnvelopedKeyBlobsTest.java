package com.ukeybridge.agent.skf;

import com.ukeybridge.skf.EnvelopedKey;
import com.ukeybridge.skf.jna.SkfConstants;
import com.ukeybridge.skf.testing.Gm;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvelopedKeyBlobsTest {
    private final AsymmetricCipherKeyPair encryption = Gm.generateKeyPair();
    private final EnvelopedKey envelope = Gm.envelope(encryption, Gm.publicKey(Gm.generateKeyPair()));

    @Test
    void whenAnEnvelopeIsEncoded_thenItIsTheDocumentedLayoutAndDecodesToItself() {
        byte[] blob = EnvelopedKeyBlobs.encode(envelope);

        assertThat(blob).hasSize(388);
        ByteBuffer in = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(in.getInt(0)).isEqualTo(1);
        assertThat(in.getInt(4)).isEqualTo(SkfConstants.SGD_SM4_ECB);
        assertThat(in.getInt(8)).isEqualTo(256);
        assertThat(Arrays.copyOfRange(blob, 12, 44)).containsOnly(0);
        assertThat(Arrays.copyOfRange(blob, 44, 76)).isEqualTo(envelope.encryptedPrivateKey());
        assertThat(in.getInt(76)).isEqualTo(256);
        assertThat(Arrays.copyOfRange(blob, 112, 144)).isEqualTo(envelope.publicKey().x());
        assertThat(Arrays.copyOfRange(blob, 176, 208)).isEqualTo(envelope.publicKey().y());
        assertThat(Arrays.copyOfRange(blob, 240, 272)).isEqualTo(envelope.wrappedKey().x());
        assertThat(Arrays.copyOfRange(blob, 304, 336)).isEqualTo(envelope.wrappedKey().y());
        assertThat(Arrays.copyOfRange(blob, 336, 368)).isEqualTo(envelope.wrappedKey().hash());
        assertThat(in.getInt(368)).isEqualTo(16);
        assertThat(Arrays.copyOfRange(blob, 372, 388)).isEqualTo(envelope.wrappedKey().cipher());
        assertThat(EnvelopedKeyBlobs.decode(blob)).isEqualTo(envelope);
    }

    @Test
    void whenTheBytesAreNoSuchBlob_thenDecodingSaysWhatIsWrong() {
        byte[] good = EnvelopedKeyBlobs.encode(envelope);
        assertThatThrownBy(() -> EnvelopedKeyBlobs.decode(Arrays.copyOf(good, 387))).hasMessageContaining("388 bytes");
        assertThatThrownBy(() -> EnvelopedKeyBlobs.decode(patched(good, 0, 2))).hasMessageContaining("Version");
        assertThatThrownBy(() -> EnvelopedKeyBlobs.decode(patched(good, 8, 128))).hasMessageContaining("ulBits");
        assertThatThrownBy(() -> EnvelopedKeyBlobs.decode(patched(good, 76, 512))).hasMessageContaining("BitLen");
        assertThatThrownBy(() -> EnvelopedKeyBlobs.decode(patched(good, 368, 32))).hasMessageContaining("CipherLen");
        byte[] wide = good.clone();
        wide[80] = 1; // a non-zero byte left of the 256-bit x
        assertThatThrownBy(() -> EnvelopedKeyBlobs.decode(wide)).hasMessageContaining("PubKey.XCoordinate");
    }

    private static byte[] patched(byte[] blob, int offset, int value) {
        byte[] copy = blob.clone();
        ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putInt(offset, value);
        return copy;
    }
}

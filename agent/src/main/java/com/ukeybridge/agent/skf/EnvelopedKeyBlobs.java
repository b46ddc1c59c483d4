package com.ukeybridge.agent.skf;

import com.ukeybridge.skf.EccCipher;
import com.ukeybridge.skf.EccPublicKey;
import com.ukeybridge.skf.EnvelopedKey;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The protocol's {@code envelopedKey}: the bytes of GM/T 0016's {@code ENVELOPEDKEYBLOB} with a
 * 16-byte wrapped SM4 key, 388 bytes, every {@code ULONG} 4 bytes little-endian, every 256-bit
 * value big-endian and right-aligned in its 64-byte field (the layout is the same packed and
 * natural: every field is a multiple of 4 bytes). docs/gm-keys.md gives the offsets.
 */
public final class EnvelopedKeyBlobs {
    public static final int LENGTH = 388;
    static final int VERSION = 1;
    private static final int WRAPPED_KEY = 16;

    private EnvelopedKeyBlobs() {
    }

    /** @throws IllegalArgumentException naming what is wrong, when {@code blob} is not such an envelope */
    public static EnvelopedKey decode(byte[] blob) {
        if (blob.length != LENGTH) {
            throw new IllegalArgumentException("an ENVELOPEDKEYBLOB with an SM4 key is " + LENGTH + " bytes, not " + blob.length);
        }
        ByteBuffer in = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN);
        int version = in.getInt();
        int symAlgId = in.getInt();
        int bits = in.getInt();
        if (version != VERSION || bits != 256) {
            throw new IllegalArgumentException("Version must be 1 and ulBits 256, got " + version + " and " + bits);
        }
        byte[] encryptedPrivateKey = value(in, "cbEncryptedPriKey");
        int keyBits = in.getInt();
        if (keyBits != 256) {
            throw new IllegalArgumentException("PubKey.BitLen must be 256, got " + keyBits);
        }
        EccPublicKey publicKey = new EccPublicKey(value(in, "PubKey.XCoordinate"), value(in, "PubKey.YCoordinate"));
        byte[] x = value(in, "ECCCipherBlob.XCoordinate");
        byte[] y = value(in, "ECCCipherBlob.YCoordinate");
        byte[] hash = bytes(in, 32);
        int cipherLength = in.getInt();
        if (cipherLength != WRAPPED_KEY) {
            throw new IllegalArgumentException("ECCCipherBlob.CipherLen must be 16 (an SM4 key), got " + cipherLength);
        }
        return new EnvelopedKey(symAlgId, encryptedPrivateKey, publicKey, new EccCipher(x, y, hash, bytes(in, WRAPPED_KEY)));
    }

    public static byte[] encode(EnvelopedKey key) {
        ByteBuffer out = ByteBuffer.allocate(LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(VERSION).putInt(key.symAlgId()).putInt(256);
        field(out, key.encryptedPrivateKey());
        out.putInt(256);
        field(out, key.publicKey().x());
        field(out, key.publicKey().y());
        EccCipher wrapped = key.wrappedKey();
        field(out, wrapped.x());
        field(out, wrapped.y());
        out.put(wrapped.hash()).putInt(wrapped.cipher().length).put(wrapped.cipher());
        return out.array();
    }

    private static void field(ByteBuffer out, byte[] value) {
        out.put(new byte[64 - value.length]).put(value);
    }

    private static byte[] value(ByteBuffer in, String name) {
        byte[] field = bytes(in, 64);
        for (int i = 0; i < 32; i++) {
            if (field[i] != 0) {
                throw new IllegalArgumentException(name + " holds more than 256 bits");
            }
        }
        return Arrays.copyOfRange(field, 32, 64);
    }

    private static byte[] bytes(ByteBuffer in, int length) {
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }
}

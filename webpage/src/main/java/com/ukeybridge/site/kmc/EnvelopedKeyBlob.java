package com.ukeybridge.site.kmc;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The site's encoding of a GM/T 0016 §6.4.10 {@code ENVELOPEDKEYBLOB}, the one the API sends
 * (docs/site-api.md, "envelopedKey"): the fields in the standard's order, each {@code ULONG} 4
 * bytes little-endian, no padding anywhere (the 1-byte-packed layout), 256-bit values big-endian
 * and right-aligned in their 64-byte fields, ending right after the 16 bytes of
 * {@code ECCCIPHERBLOB.Cipher}: 388 bytes. The agent lays it out for its vendor's library.
 * <pre>
 *   0  ULONG Version = 1         4  ULONG ulSymmAlgID (SGD_SM4_ECB)   8  ULONG ulBits = 256
 *  12  BYTE  cbEncryptedPriKey[64]  (SM4-ECB of d under K, in the last 32 bytes)
 *  76  ECCPUBLICKEYBLOB PubKey  { ULONG BitLen = 256; BYTE X[64]; BYTE Y[64] }
 * 208  ECCCIPHERBLOB ECCCipherBlob { BYTE X[64]; BYTE Y[64]; BYTE HASH[32]; ULONG CipherLen = 16; BYTE Cipher[16] }
 * </pre>
 */
public final class EnvelopedKeyBlob {
    public static final int VERSION = 1;
    /** {@code SGD_SM4_ECB}, GM/T 0006. */
    public static final int SGD_SM4_ECB = 0x00000401;
    public static final int LENGTH = 388;
    private static final int FIELD = 64;
    private static final int VALUE = 32;
    private static final int SYMMETRIC_KEY = 16;

    private EnvelopedKeyBlob() {
    }

    /**
     * @param encryptedPrivateKey E_K(d), 32 bytes
     * @param publicKey           the encryption public key, {@code 04 || x || y}
     * @param wrappedKey          K encrypted with SM2 to the signing key, C1C3C2: {@code 04 || x || y || C3 || C2}, C2 16 bytes
     */
    public static byte[] encode(byte[] encryptedPrivateKey, byte[] publicKey, byte[] wrappedKey) {
        if (encryptedPrivateKey.length != VALUE) {
            throw new IllegalArgumentException("E_K(d) is 32 bytes, got " + encryptedPrivateKey.length);
        }
        if (publicKey.length != 1 + 2 * VALUE || publicKey[0] != 0x04) {
            throw new IllegalArgumentException("the public key must be an uncompressed point 04 || x || y");
        }
        if (wrappedKey.length != 1 + 2 * VALUE + VALUE + SYMMETRIC_KEY || wrappedKey[0] != 0x04) {
            throw new IllegalArgumentException("the wrapped key must be C1C3C2 of a 16-byte key");
        }
        ByteBuffer out = ByteBuffer.allocate(LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(VERSION).putInt(SGD_SM4_ECB).putInt(256);
        rightAligned(out, encryptedPrivateKey, 0);
        out.putInt(256);
        rightAligned(out, publicKey, 1);
        rightAligned(out, publicKey, 1 + VALUE);
        rightAligned(out, wrappedKey, 1);
        rightAligned(out, wrappedKey, 1 + VALUE);
        out.put(wrappedKey, 1 + 2 * VALUE, VALUE);
        out.putInt(SYMMETRIC_KEY);
        out.put(wrappedKey, 1 + 3 * VALUE, SYMMETRIC_KEY);
        return out.array();
    }

    private static void rightAligned(ByteBuffer out, byte[] source, int offset) {
        out.put(new byte[FIELD - VALUE]);
        out.put(source, offset, VALUE);
    }
}

package com.ukeybridge.skf.jna;

import com.sun.jna.Structure;

/**
 * {@code ECCCIPHERBLOB}: C1 (X, Y right-aligned in 64 bytes each), C3 ({@code HASH}), then
 * {@code CipherLen} and C2. C declares {@code BYTE Cipher[1]} and callers allocate
 * {@code sizeof - 1 + CipherLen}; here the array is sized for the ciphertext at construction, so
 * the structure is exactly 164 + n bytes (with trailing padding to 4 under natural alignment).
 */
@Structure.FieldOrder({"xCoordinate", "yCoordinate", "hash", "cipherLen", "cipher"})
public class EccCipherBlob extends Structure {
    /** Where {@code Cipher} starts under either packing. */
    public static final int CIPHER_OFFSET = 164;

    public byte[] xCoordinate = new byte[64];
    public byte[] yCoordinate = new byte[64];
    public byte[] hash = new byte[32];
    public int cipherLen;
    public byte[] cipher;

    /** As C declares it: room for one byte of ciphertext. */
    public EccCipherBlob() {
        this(Packing.DEFAULT, 1);
    }

    /** @param cipherCapacity bytes of ciphertext the blob holds (at least 1) */
    public EccCipherBlob(int alignment, int cipherCapacity) {
        super(alignment);
        if (cipherCapacity < 1) {
            throw new IllegalArgumentException("an ECCCIPHERBLOB holds at least one byte of ciphertext");
        }
        cipher = new byte[cipherCapacity];
    }
}

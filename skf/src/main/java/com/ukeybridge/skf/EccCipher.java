package com.ukeybridge.skf;

import com.ukeybridge.skf.jna.EccCipherBlob;

import java.util.Arrays;

/**
 * An SM2 ciphertext in its three parts: C1 = (x, y), C3 = {@code hash} = SM3(x2 || M || y2), and
 * C2 = {@code cipher}, as long as the message. Bouncy Castle's {@code SM2Engine} in C1C3C2 mode
 * produces {@code 04 || x || y || hash || cipher}; see {@link #fromC1C3C2}.
 */
public record EccCipher(byte[] x, byte[] y, byte[] hash, byte[] cipher) {
    public EccCipher {
        x = Fields.checkedValue(x, "x");
        y = Fields.checkedValue(y, "y");
        hash = Fields.checkedValue(hash, "hash");
        if (cipher == null || cipher.length == 0) {
            throw new IllegalArgumentException("an SM2 ciphertext has at least one byte of C2");
        }
        cipher = cipher.clone();
    }

    /** From {@code 04 || C1.x || C1.y || C3 || C2} (GM/T 0003.4 byte order C1C3C2, uncompressed C1). */
    public static EccCipher fromC1C3C2(byte[] bytes) {
        if (bytes == null || bytes.length < 1 + 64 + 32 + 1 || bytes[0] != 0x04) {
            throw new IllegalArgumentException("C1C3C2 is 04 || x || y || hash || cipher");
        }
        return new EccCipher(Arrays.copyOfRange(bytes, 1, 33), Arrays.copyOfRange(bytes, 33, 65),
                Arrays.copyOfRange(bytes, 65, 97), Arrays.copyOfRange(bytes, 97, bytes.length));
    }

    /** {@code 04 || C1.x || C1.y || C3 || C2}. */
    public byte[] toC1C3C2() {
        byte[] out = new byte[97 + cipher.length];
        out[0] = 0x04;
        System.arraycopy(x, 0, out, 1, 32);
        System.arraycopy(y, 0, out, 33, 32);
        System.arraycopy(hash, 0, out, 65, 32);
        System.arraycopy(cipher, 0, out, 97, cipher.length);
        return out;
    }

    @Override
    public byte[] x() {
        return x.clone();
    }

    @Override
    public byte[] y() {
        return y.clone();
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }

    @Override
    public byte[] cipher() {
        return cipher.clone();
    }

    EccCipherBlob toBlob(int alignment) {
        EccCipherBlob blob = new EccCipherBlob(alignment, cipher.length);
        fill(blob);
        return blob;
    }

    void fill(EccCipherBlob blob) {
        if (blob.cipher.length != cipher.length) {
            throw new IllegalArgumentException("the blob holds " + blob.cipher.length + " bytes of C2, not " + cipher.length);
        }
        blob.xCoordinate = Fields.toField(x);
        blob.yCoordinate = Fields.toField(y);
        blob.hash = hash.clone();
        blob.cipherLen = cipher.length;
        blob.cipher = cipher.clone();
    }

    static EccCipher fromBlob(EccCipherBlob blob) {
        if (blob.cipherLen <= 0 || blob.cipherLen > blob.cipher.length) {
            throw new IllegalStateException("the SKF library returned a ciphertext of " + blob.cipherLen + " bytes");
        }
        return new EccCipher(Fields.fromField(blob.xCoordinate, "C1.x"), Fields.fromField(blob.yCoordinate, "C1.y"),
                blob.hash, Arrays.copyOf(blob.cipher, blob.cipherLen));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EccCipher c && Arrays.equals(toC1C3C2(), c.toC1C3C2());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(toC1C3C2());
    }

    @Override
    public String toString() {
        return "EccCipher[" + cipher.length + " bytes]";
    }
}

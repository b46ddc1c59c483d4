package com.ukeybridge.skf;

import com.ukeybridge.skf.jna.EccPublicKeyBlob;

import java.util.Arrays;

/** An SM2 public key: the affine coordinates, 32 bytes each, big-endian. */
public record EccPublicKey(byte[] x, byte[] y) {
    public EccPublicKey {
        x = Fields.checkedValue(x, "x");
        y = Fields.checkedValue(y, "y");
    }

    /** From the uncompressed point {@code 04 || x || y} (65 bytes), as Java and Bouncy Castle encode it. */
    public static EccPublicKey fromUncompressed(byte[] point) {
        if (point == null || point.length != 65 || point[0] != 0x04) {
            throw new IllegalArgumentException("an uncompressed SM2 point is 04 || x || y, 65 bytes");
        }
        return new EccPublicKey(Arrays.copyOfRange(point, 1, 33), Arrays.copyOfRange(point, 33, 65));
    }

    public byte[] uncompressed() {
        byte[] point = new byte[65];
        point[0] = 0x04;
        System.arraycopy(x, 0, point, 1, 32);
        System.arraycopy(y, 0, point, 33, 32);
        return point;
    }

    @Override
    public byte[] x() {
        return x.clone();
    }

    @Override
    public byte[] y() {
        return y.clone();
    }

    EccPublicKeyBlob toBlob(int alignment) {
        EccPublicKeyBlob blob = new EccPublicKeyBlob(alignment);
        fill(blob);
        return blob;
    }

    void fill(EccPublicKeyBlob blob) {
        blob.bitLen = 256;
        blob.xCoordinate = Fields.toField(x);
        blob.yCoordinate = Fields.toField(y);
    }

    static EccPublicKey fromBlob(EccPublicKeyBlob blob) {
        if (blob.bitLen != 256) {
            throw new IllegalStateException("the SKF library returned an ECC key of " + blob.bitLen + " bits, not 256");
        }
        return new EccPublicKey(Fields.fromField(blob.xCoordinate, "x"), Fields.fromField(blob.yCoordinate, "y"));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EccPublicKey key && Arrays.equals(x, key.x) && Arrays.equals(y, key.y);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(x) + Arrays.hashCode(y);
    }

    @Override
    public String toString() {
        return "EccPublicKey[" + java.util.HexFormat.of().formatHex(uncompressed()) + "]";
    }
}

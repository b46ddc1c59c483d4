package com.ukeybridge.token;

import java.util.Arrays;
import java.util.HexFormat;

/** The {@code CKA_ID} that ties a certificate to its key pair; shown to pages as lowercase hex. */
public final class ObjectId {
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] bytes;

    private ObjectId(byte[] bytes) {
        this.bytes = bytes.clone();
    }

    public static ObjectId of(byte[] bytes) {
        return new ObjectId(bytes);
    }

    /** @throws IllegalArgumentException when {@code hex} is not lowercase hex of whole bytes */
    public static ObjectId fromHex(String hex) {
        if (hex.isEmpty() || hex.length() % 2 != 0 || !hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            throw new IllegalArgumentException("not lowercase hex: " + hex);
        }
        return new ObjectId(HEX.parseHex(hex));
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    public String hex() {
        return HEX.formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ObjectId other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}

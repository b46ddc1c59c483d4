package com.ukeybridge.pkcs11;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** One {@code CK_ATTRIBUTE} of a template, its value already encoded as the token expects it. */
public record Attribute(long type, byte[] value) {
    public Attribute {
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    public static Attribute of(long type, byte[] value) {
        return new Attribute(type, value);
    }

    /** A {@code CK_ULONG} value: object class, key type, mechanism, bit count. */
    public static Attribute of(long type, long value) {
        return new Attribute(type, Ulong.encode(value));
    }

    /** A {@code CK_BBOOL}. */
    public static Attribute of(long type, boolean value) {
        return new Attribute(type, new byte[] {(byte) (value ? 1 : 0)});
    }

    /** A UTF-8 string ({@code CKA_LABEL}). */
    public static Attribute of(long type, String value) {
        return new Attribute(type, value.getBytes(StandardCharsets.UTF_8));
    }

    /** A big integer, unsigned big-endian without leading zeros ({@code CKA_PUBLIC_EXPONENT}). */
    public static Attribute unsigned(long type, BigInteger value) {
        byte[] b = value.toByteArray();
        int skip = 0;
        while (skip < b.length - 1 && b[skip] == 0) {
            skip++;
        }
        return new Attribute(type, Arrays.copyOfRange(b, skip, b.length));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attribute a && a.type == type && Arrays.equals(a.value, value);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(type) * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        // Values stay out of logs: a template may carry key material.
        return String.format("Attribute[0x%X, %d bytes]", type, value.length);
    }
}

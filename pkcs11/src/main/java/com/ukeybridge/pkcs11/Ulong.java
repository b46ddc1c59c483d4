package com.ukeybridge.pkcs11;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** {@code CK_ULONG} conversions: unsigned, as wide as the platform's C {@code long}. */
final class Ulong {
    private Ulong() {
    }

    /** The unsigned value; 32-bit {@code CK_ULONG}s (Windows) are not sign-extended. */
    static long of(NativeLong value) {
        long v = value.longValue();
        return NativeLong.SIZE == 4 ? v & 0xFFFFFFFFL : v;
    }

    static NativeLong nl(long value) {
        return new NativeLong(value, true);
    }

    static byte[] encode(long value) {
        ByteBuffer b = ByteBuffer.allocate(NativeLong.SIZE).order(ByteOrder.nativeOrder());
        if (NativeLong.SIZE == 4) {
            b.putInt((int) value);
        } else {
            b.putLong(value);
        }
        return b.array();
    }

    static long decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
        if (bytes.length == 4) {
            return b.getInt() & 0xFFFFFFFFL;
        }
        if (bytes.length == 8) {
            return b.getLong();
        }
        throw new IllegalArgumentException("not a CK_ULONG: " + bytes.length + " bytes");
    }

    static Memory memory(byte[] bytes) {
        Memory m = new Memory(bytes.length);
        m.write(0, bytes, 0, bytes.length);
        return m;
    }
}

package com.ukeybridge.pkcs11.jna;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;

/** Native memory for an array of {@code CK_ULONG} (slot lists, object handles). */
public final class UlongArray extends Memory {

    public UlongArray(int length) {
        super((long) Math.max(length, 1) * NativeLong.SIZE);
    }

    public long get(int index) {
        return getNativeLong((long) index * NativeLong.SIZE).longValue();
    }

    public void set(int index, long value) {
        setNativeLong((long) index * NativeLong.SIZE, new NativeLong(value));
    }

    public int length() {
        return (int) (size() / NativeLong.SIZE);
    }
}

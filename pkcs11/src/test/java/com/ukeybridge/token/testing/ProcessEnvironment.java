package com.ukeybridge.token.testing;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * This process's own environment, which a JVM cannot change by itself: PKCS#11 libraries read
 * their configuration from it at {@code C_Initialize} ({@code SOFTHSM2_CONF}, the chaos token's
 * {@code UKEY_CHAOS_CONTROL}).
 */
final class ProcessEnvironment {
    private ProcessEnvironment() {
    }

    static void set(String name, String value) {
        if (LibC.INSTANCE.setenv(name, value, 1) != 0) {
            throw new IllegalStateException("setenv(" + name + ") failed");
        }
    }

    private interface LibC extends Library {
        LibC INSTANCE = Native.load("c", LibC.class);

        int setenv(String name, String value, int overwrite);
    }
}

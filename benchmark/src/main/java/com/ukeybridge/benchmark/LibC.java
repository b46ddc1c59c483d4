package com.ukeybridge.benchmark;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * libc's {@code setenv}: SoftHSM reads {@code SOFTHSM2_CONF} from the process environment at
 * {@code C_Initialize}, and a JVM cannot change its own environment otherwise (as the SoftHSM
 * test fixture does). {@code scripts/bench.sh} exports the variable anyway; this covers a direct run.
 */
interface LibC extends Library {
    LibC INSTANCE = Native.load("c", LibC.class);

    int setenv(String name, String value, int overwrite);
}

package com.ukeybridge.pkcs11.jna;

import com.sun.jna.Platform;
import com.sun.jna.Structure;

/** PKCS#11 structures are packed to 1 byte on Windows (pkcs11.h {@code #pragma pack(push, cryptoki, 1)}), natural elsewhere. */
final class Packing {
    static final int ALIGNMENT = Platform.isWindows() ? Structure.ALIGN_NONE : Structure.ALIGN_DEFAULT;

    private Packing() {
    }
}

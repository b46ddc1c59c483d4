package com.ukeybridge.skf.jna;

import com.sun.jna.Platform;
import com.sun.jna.Structure;

/**
 * How SKF structures are laid out: packed to 1 byte on Windows (vendors' {@code skfapi.h} have
 * {@code #pragma pack(1)}), natural elsewhere (as softskf and several Linux vendor headers build them).
 * Every structure also takes an explicit alignment, for a vendor library that differs and for tests.
 */
public final class Packing {
    /** The platform's default for SKF libraries. */
    public static final int DEFAULT = Platform.isWindows() ? Structure.ALIGN_NONE : Structure.ALIGN_DEFAULT;
    /** {@code #pragma pack(1)}. */
    public static final int PACKED = Structure.ALIGN_NONE;
    /** The C compiler's natural alignment. */
    public static final int NATURAL = Structure.ALIGN_DEFAULT;

    private Packing() {
    }
}

package com.ukeybridge.pkcs11.jna;

import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/** {@code CK_MECHANISM}. */
@Structure.FieldOrder({"mechanism", "pParameter", "ulParameterLen"})
public class CkMechanism extends Structure {
    public NativeLong mechanism;
    public Pointer pParameter;
    public NativeLong ulParameterLen;

    public CkMechanism() {
        super(Packing.ALIGNMENT);
    }

    /** A mechanism without parameter, which is all we use. */
    public static CkMechanism of(long mechanism) {
        CkMechanism m = new CkMechanism();
        m.mechanism = new NativeLong(mechanism);
        m.pParameter = null;
        m.ulParameterLen = new NativeLong(0);
        return m;
    }
}

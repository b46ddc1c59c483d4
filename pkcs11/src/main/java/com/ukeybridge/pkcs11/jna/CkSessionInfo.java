package com.ukeybridge.pkcs11.jna;

import com.sun.jna.NativeLong;
import com.sun.jna.Structure;

/** {@code CK_SESSION_INFO}. */
@Structure.FieldOrder({"slotID", "state", "flags", "ulDeviceError"})
public class CkSessionInfo extends Structure {
    public NativeLong slotID;
    public NativeLong state;
    public NativeLong flags;
    public NativeLong ulDeviceError;

    public CkSessionInfo() {
        super(Packing.ALIGNMENT);
    }
}

package com.ukeybridge.pkcs11.jna;

import com.sun.jna.NativeLong;
import com.sun.jna.Structure;

/** {@code CK_SLOT_INFO}. */
@Structure.FieldOrder({"slotDescription", "manufacturerID", "flags", "hardwareVersion", "firmwareVersion"})
public class CkSlotInfo extends Structure {
    public byte[] slotDescription = new byte[64];
    public byte[] manufacturerID = new byte[32];
    public NativeLong flags;
    public CkVersion hardwareVersion;
    public CkVersion firmwareVersion;

    public CkSlotInfo() {
        super(Packing.ALIGNMENT);
    }
}

package com.ukeybridge.pkcs11.jna;

import com.sun.jna.NativeLong;
import com.sun.jna.Structure;

/** {@code CK_INFO}. */
@Structure.FieldOrder({"cryptokiVersion", "manufacturerID", "flags", "libraryDescription", "libraryVersion"})
public class CkInfo extends Structure {
    public CkVersion cryptokiVersion;
    public byte[] manufacturerID = new byte[32];
    public NativeLong flags;
    public byte[] libraryDescription = new byte[32];
    public CkVersion libraryVersion;

    public CkInfo() {
        super(Packing.ALIGNMENT);
    }
}

package com.ukeybridge.pkcs11.jna;

import com.sun.jna.Structure;

/** {@code CK_VERSION}. */
@Structure.FieldOrder({"major", "minor"})
public class CkVersion extends Structure {
    public byte major;
    public byte minor;

    public CkVersion() {
        super(Packing.ALIGNMENT);
    }

    @Override
    public String toString() {
        return Byte.toUnsignedInt(major) + "." + Byte.toUnsignedInt(minor);
    }
}

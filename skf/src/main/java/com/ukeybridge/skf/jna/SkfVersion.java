package com.ukeybridge.skf.jna;

import com.sun.jna.Structure;

/** {@code VERSION}: two bytes, the same under every packing. */
@Structure.FieldOrder({"major", "minor"})
public class SkfVersion extends Structure {
    public byte major;
    public byte minor;

    public SkfVersion() {
        this(Packing.DEFAULT);
    }

    public SkfVersion(int alignment) {
        super(alignment);
    }

    @Override
    public String toString() {
        return Byte.toUnsignedInt(major) + "." + Byte.toUnsignedInt(minor);
    }
}

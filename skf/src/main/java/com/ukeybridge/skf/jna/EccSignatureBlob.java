package com.ukeybridge.skf.jna;

import com.sun.jna.Structure;

/** {@code ECCSIGNATUREBLOB}: r and s, each right-aligned in 64 bytes; 128 bytes. */
@Structure.FieldOrder({"r", "s"})
public class EccSignatureBlob extends Structure {
    public byte[] r = new byte[64];
    public byte[] s = new byte[64];

    public EccSignatureBlob() {
        this(Packing.DEFAULT);
    }

    public EccSignatureBlob(int alignment) {
        super(alignment);
    }
}

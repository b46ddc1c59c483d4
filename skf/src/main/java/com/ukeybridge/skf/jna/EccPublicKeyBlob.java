package com.ukeybridge.skf.jna;

import com.sun.jna.Structure;

/** {@code ECCPUBLICKEYBLOB}: {@code BitLen} then X and Y, each right-aligned in 64 bytes; 132 bytes under both packings. */
@Structure.FieldOrder({"bitLen", "xCoordinate", "yCoordinate"})
public class EccPublicKeyBlob extends Structure {
    public int bitLen;
    public byte[] xCoordinate = new byte[64];
    public byte[] yCoordinate = new byte[64];

    public EccPublicKeyBlob() {
        this(Packing.DEFAULT);
    }

    public EccPublicKeyBlob(int alignment) {
        super(alignment);
    }
}

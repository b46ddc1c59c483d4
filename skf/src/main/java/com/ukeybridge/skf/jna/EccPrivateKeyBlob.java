package com.ukeybridge.skf.jna;

import com.sun.jna.Structure;

/** {@code ECCPRIVATEKEYBLOB}: {@code BitLen} then the key right-aligned in 64 bytes; 68 bytes. */
@Structure.FieldOrder({"bitLen", "privateKey"})
public class EccPrivateKeyBlob extends Structure {
    public int bitLen;
    public byte[] privateKey = new byte[64];

    public EccPrivateKeyBlob() {
        this(Packing.DEFAULT);
    }

    public EccPrivateKeyBlob(int alignment) {
        super(alignment);
    }
}

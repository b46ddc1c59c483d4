package com.ukeybridge.skf.jna;

import com.sun.jna.Structure;

/** {@code BLOCKCIPHERPARAM}: 44 bytes; {@code SKF_EncryptInit}/{@code SKF_DecryptInit} take it by value. */
@Structure.FieldOrder({"iv", "ivLen", "paddingType", "feedBitLen"})
public class BlockCipherParam extends Structure {
    public byte[] iv = new byte[32];
    public int ivLen;
    public int paddingType;
    public int feedBitLen;

    public BlockCipherParam() {
        this(Packing.DEFAULT);
    }

    public BlockCipherParam(int alignment) {
        super(alignment);
    }

    /** The by-value form the two Init functions take. */
    public static class ByValue extends BlockCipherParam implements Structure.ByValue {
        public ByValue() {
            super();
        }

        public ByValue(int alignment) {
            super(alignment);
        }
    }
}

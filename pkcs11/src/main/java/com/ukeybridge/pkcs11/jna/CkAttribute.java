package com.ukeybridge.pkcs11.jna;

import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * {@code CK_ATTRIBUTE}. Templates are passed as arrays made with {@link #array(int)}, because JNA
 * needs the elements of a {@code Structure[]} argument to be contiguous in native memory.
 */
@Structure.FieldOrder({"type", "pValue", "ulValueLen"})
public class CkAttribute extends Structure {
    public NativeLong type;
    public Pointer pValue;
    public NativeLong ulValueLen;

    public CkAttribute() {
        super(Packing.ALIGNMENT);
    }

    /** A contiguous array of {@code n} attributes, or {@code null} for an empty template (PKCS#11 accepts NULL, 0). */
    public static CkAttribute[] array(int n) {
        return n == 0 ? null : (CkAttribute[]) new CkAttribute().toArray(n);
    }
}

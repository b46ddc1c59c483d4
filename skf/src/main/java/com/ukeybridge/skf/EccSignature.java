package com.ukeybridge.skf;

import com.ukeybridge.skf.jna.EccSignatureBlob;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.Arrays;

/** An SM2 signature (r, s), 32 bytes each, big-endian. */
public record EccSignature(byte[] r, byte[] s) {
    public EccSignature {
        r = Fields.checkedValue(r, "r");
        s = Fields.checkedValue(s, "s");
    }

    @Override
    public byte[] r() {
        return r.clone();
    }

    @Override
    public byte[] s() {
        return s.clone();
    }

    /** GM/T 0009 {@code SEQUENCE { INTEGER r, INTEGER s }}, DER: the form X.509, CMS and OpenSSL use. */
    public byte[] toDer() {
        byte[] derR = integer(r);
        byte[] derS = integer(s);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        out.write(derR.length + derS.length); // at most 2 × 35 bytes: short form
        out.writeBytes(derR);
        out.writeBytes(derS);
        return out.toByteArray();
    }

    private static byte[] integer(byte[] value) {
        byte[] minimal = new BigInteger(1, value).toByteArray(); // adds the 0x00 a set top bit needs
        byte[] der = new byte[2 + minimal.length];
        der[0] = 0x02;
        der[1] = (byte) minimal.length;
        System.arraycopy(minimal, 0, der, 2, minimal.length);
        return der;
    }

    EccSignatureBlob toBlob(int alignment) {
        EccSignatureBlob blob = new EccSignatureBlob(alignment);
        blob.r = Fields.toField(r);
        blob.s = Fields.toField(s);
        return blob;
    }

    static EccSignature fromBlob(EccSignatureBlob blob) {
        return new EccSignature(Fields.fromField(blob.r, "r"), Fields.fromField(blob.s, "s"));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EccSignature sig && Arrays.equals(r, sig.r) && Arrays.equals(s, sig.s);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(r) + Arrays.hashCode(s);
    }

    @Override
    public String toString() {
        return "EccSignature[" + java.util.HexFormat.of().formatHex(toDer()) + "]";
    }
}

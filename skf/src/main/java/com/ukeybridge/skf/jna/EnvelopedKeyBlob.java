package com.ukeybridge.skf.jna;

import com.sun.jna.Structure;

/**
 * {@code ENVELOPEDKEYBLOB} with a 16-byte wrapped key in its trailing {@code ECCCIPHERBLOB}
 * (an SM4 key): 388 bytes under both packings ({@code sizeof} in C, with {@code Cipher[1]}, is 373 packed, 376 natural).
 */
@Structure.FieldOrder({"version", "symmAlgId", "bits", "encryptedPrivateKey", "pubKey", "eccCipherBlob"})
public class EnvelopedKeyBlob extends Structure {
    /** The wrapped symmetric key's length: SM4 is 16 bytes. */
    public static final int WRAPPED_KEY_LENGTH = 16;

    public int version;
    public int symmAlgId;
    public int bits;
    public byte[] encryptedPrivateKey = new byte[64];
    public EccPublicKeyBlob pubKey;
    public EccCipherBlob eccCipherBlob;

    public EnvelopedKeyBlob() {
        this(Packing.DEFAULT, WRAPPED_KEY_LENGTH);
    }

    public EnvelopedKeyBlob(int alignment, int wrappedKeyLength) {
        super(alignment);
        pubKey = new EccPublicKeyBlob(alignment);
        eccCipherBlob = new EccCipherBlob(alignment, wrappedKeyLength);
    }
}

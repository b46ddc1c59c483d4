package com.ukeybridge.skf;

import com.ukeybridge.skf.jna.EnvelopedKeyBlob;
import com.ukeybridge.skf.jna.SkfConstants;

import java.util.Arrays;

/**
 * An encryption key pair enveloped for a container ({@code ENVELOPEDKEYBLOB}, GM/T 0016 §7.6.12), as a
 * KMC delivers it: a random symmetric key K encrypted with SM2 to the container's <em>signing</em>
 * public key ({@code wrappedKey}), the encryption private key d encrypted under K in ECB mode without
 * padding ({@code encryptedPrivateKey} = E_K(d), 32 bytes, stored right-aligned), and the encryption
 * public key in clear.
 *
 * @param symAlgId ECB only, e.g. {@link SkfConstants#SGD_SM4_ECB}
 */
public record EnvelopedKey(int symAlgId, byte[] encryptedPrivateKey, EccPublicKey publicKey, EccCipher wrappedKey) {
    public EnvelopedKey {
        encryptedPrivateKey = Fields.checkedValue(encryptedPrivateKey, "the encrypted private key");
        if (publicKey == null || wrappedKey == null) {
            throw new IllegalArgumentException("an enveloped key needs its public key and its wrapped key");
        }
        if (wrappedKey.cipher().length != EnvelopedKeyBlob.WRAPPED_KEY_LENGTH) {
            throw new IllegalArgumentException("the wrapped key must be a 16-byte symmetric key");
        }
    }

    @Override
    public byte[] encryptedPrivateKey() {
        return encryptedPrivateKey.clone();
    }

    EnvelopedKeyBlob toBlob(int alignment) {
        EnvelopedKeyBlob blob = new EnvelopedKeyBlob(alignment, EnvelopedKeyBlob.WRAPPED_KEY_LENGTH);
        blob.version = SkfConstants.ENVELOPEDKEYBLOB_VERSION;
        blob.symmAlgId = symAlgId;
        blob.bits = 256;
        blob.encryptedPrivateKey = Fields.toField(encryptedPrivateKey);
        publicKey.fill(blob.pubKey);
        wrappedKey.fill(blob.eccCipherBlob);
        return blob;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EnvelopedKey e && symAlgId == e.symAlgId
                && Arrays.equals(encryptedPrivateKey, e.encryptedPrivateKey)
                && publicKey.equals(e.publicKey) && wrappedKey.equals(e.wrappedKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encryptedPrivateKey) ^ publicKey.hashCode();
    }

    @Override
    public String toString() {
        return "EnvelopedKey[alg=0x" + Integer.toHexString(symAlgId) + ", " + publicKey + "]";
    }
}

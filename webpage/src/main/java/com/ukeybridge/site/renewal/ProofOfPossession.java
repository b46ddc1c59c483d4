package com.ukeybridge.site.renewal;

import com.ukeybridge.site.ca.Signatures;
import com.ukeybridge.site.config.SiteOrigin;
import com.ukeybridge.site.refusal.ProofInvalidException;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.List;

/**
 * The old key's proof of possession, protocol v2's {@code proveKey} (docs/protocol.md): the old
 * key's signature over {@code M = P ‖ SHA-256(origin) ‖ SHA-256(challenge) ‖ binding}, the binding
 * being SHA-256 of the new key's SubjectPublicKeyInfo. The site rebuilds M from its own origin,
 * its own challenge and the key of the request it is about to certify, so a proof made for
 * another site, another renewal or another new key never verifies here.
 */
public final class ProofOfPossession {
    /** {@code "UKeyBridge proof v2"} and one zero byte: no TLS, DER, JWS or SSH signing input starts like this. */
    private static final byte[] PREFIX = "UKeyBridge proof v2\0".getBytes(StandardCharsets.US_ASCII);
    private static final int HASH = 32;
    /** The length of M: 20 + 3 × 32. */
    public static final int MESSAGE_LENGTH = PREFIX.length + 3 * HASH;

    private ProofOfPossession() {
    }

    /** The algorithm the agent signs M with for this key: SHA-256 with the key's kind (ECDSA signatures DER). */
    public static String algorithmFor(PublicKey oldKey) {
        return Signatures.sha256With(oldKey.getAlgorithm());
    }

    /**
     * M, the 116 bytes the old key signs.
     *
     * @param binding SHA-256 of the new key's SubjectPublicKeyInfo DER (32 bytes)
     */
    public static byte[] message(SiteOrigin origin, byte[] challenge, byte[] binding) {
        if (binding.length != HASH) {
            throw new IllegalArgumentException("a binding is 32 bytes, got " + binding.length);
        }
        return ByteBuffer.allocate(MESSAGE_LENGTH).put(PREFIX).put(origin.sha256()).put(sha256(challenge)).put(binding).array();
    }

    /**
     * Verifies the proof against each origin the site answers for (one when {@code siteOrigin}
     * is configured).
     *
     * @param newKeySpkiSha256 SHA-256 of the SubjectPublicKeyInfo DER of the request's key
     * @throws ProofInvalidException unless {@code proof} is the old key's signature over M for one of {@code origins}
     */
    public static void verify(PublicKey oldKey, List<SiteOrigin> origins, byte[] challenge, byte[] newKeySpkiSha256, byte[] proof) {
        for (SiteOrigin origin : origins) {
            if (verifies(oldKey, message(origin, challenge, newKeySpkiSha256), proof)) {
                return;
            }
        }
        throw new ProofInvalidException();
    }

    private static boolean verifies(PublicKey oldKey, byte[] message, byte[] proof) {
        try {
            Signature signature = Signatures.verifier(algorithmFor(oldKey), oldKey);
            signature.update(message);
            return signature.verify(proof);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

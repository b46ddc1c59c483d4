package com.ukeybridge.agent.proof;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;

/**
 * The only bytes protocol v2 signs with a certificate's key (docs/protocol.md, "proveKey"):
 * {@code M = P ‖ SHA-256(origin) ‖ SHA-256(challenge) ‖ binding}, 116 bytes. The fixed prefix
 * {@code P} ("UKeyBridge proof v2" and a zero byte) makes M unlike any TLS CertificateVerify
 * input, DER structure, JWS signing input or SSH signature blob, so a proof can never be
 * replayed as one of those; the origin is the one the agent saw at the upgrade, never a value
 * from the page.
 */
public final class ProofMessage {
    /** "UKeyBridge proof v2" and one zero byte. */
    static final byte[] PREFIX = "UKeyBridge proof v2\0".getBytes(StandardCharsets.US_ASCII);
    public static final int MIN_CHALLENGE_BYTES = 32;
    public static final int MAX_CHALLENGE_BYTES = 64;
    public static final int BINDING_BYTES = 32;
    public static final int LENGTH = PREFIX.length + 3 * 32;

    private ProofMessage() {
    }

    /**
     * @param origin    the page's origin exactly as its upgrade's {@code Origin} header
     * @param challenge the site's challenge, 32 to 64 bytes
     * @param binding   32 bytes, or {@code null} for none (32 zero bytes then)
     * @return the 116 bytes to sign
     * @throws IllegalArgumentException when a length is outside those limits
     */
    public static byte[] of(String origin, byte[] challenge, byte[] binding) {
        Objects.requireNonNull(origin, "origin");
        if (challenge.length < MIN_CHALLENGE_BYTES || challenge.length > MAX_CHALLENGE_BYTES) {
            throw new IllegalArgumentException("the challenge must be 32 to 64 bytes, not " + challenge.length);
        }
        if (binding != null && binding.length != BINDING_BYTES) {
            throw new IllegalArgumentException("the binding must be 32 bytes, not " + binding.length);
        }
        byte[] message = Arrays.copyOf(PREFIX, LENGTH);
        System.arraycopy(sha256(origin.getBytes(StandardCharsets.UTF_8)), 0, message, PREFIX.length, 32);
        System.arraycopy(sha256(challenge), 0, message, PREFIX.length + 32, 32);
        if (binding != null) {
            System.arraycopy(binding, 0, message, PREFIX.length + 64, 32);
        }
        return message;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}

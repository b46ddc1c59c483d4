package com.ukeybridge.token;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Remembers, while a token is logged in, a keyed hash of the PIN it was logged in with, so that
 * another connection's PIN can be checked without logging the token out (PKCS#11 keeps one login
 * per process). The key is random and exists only in memory for the login's lifetime; the PIN
 * itself is never kept. Not thread-safe: the token's lock guards it.
 */
final class PinVerifier {
    private static final SecureRandom RANDOM = new SecureRandom();

    private byte[] key;
    private byte[] mac;

    /** After a successful login with {@code pin}. */
    void remember(byte[] pin) {
        forget();
        key = new byte[32];
        RANDOM.nextBytes(key);
        mac = mac(key, pin);
    }

    /** Whether {@code pin} is the PIN last remembered, in constant time; false when none is. */
    boolean matches(byte[] pin) {
        return key != null && MessageDigest.isEqual(mac, mac(key, pin));
    }

    /** At logout, or whenever the login is gone. */
    void forget() {
        if (key != null) {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(mac, (byte) 0);
        }
        key = null;
        mac = null;
    }

    private static byte[] mac(byte[] key, byte[] pin) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            return hmac.doFinal(pin);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }
}

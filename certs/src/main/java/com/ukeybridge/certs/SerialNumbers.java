package com.ukeybridge.certs;

import java.math.BigInteger;
import java.security.SecureRandom;

/** Random certificate serial numbers, so no two certificates (even from two installs) share one. */
final class SerialNumbers {
    private static final int BYTES = 16;

    private SerialNumbers() {
    }

    /** A positive 127-bit number: 126 random bits, well over the 64 that CA/B rules ask for, within DER's 20 octets. */
    static BigInteger random(SecureRandom random) {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        // Clear the sign bit and set the next one, so the value is positive and never shrinks to a short number.
        bytes[0] = (byte) ((bytes[0] & 0x7F) | 0x40);
        return new BigInteger(1, bytes);
    }
}

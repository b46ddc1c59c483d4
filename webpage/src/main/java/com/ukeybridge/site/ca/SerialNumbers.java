package com.ukeybridge.site.ca;

import java.math.BigInteger;
import java.security.SecureRandom;

/** Certificate serial numbers: 16 random bytes, positive, 126 bits of entropy (CA/B Forum asks 64 at least). */
public final class SerialNumbers {
    private static final SecureRandom RANDOM = new SecureRandom();

    private SerialNumbers() {
    }

    public static BigInteger random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        // Top bit clear (positive), next bit set: always 16 bytes in DER, never a leading zero.
        bytes[0] = (byte) ((bytes[0] & 0x3f) | 0x40);
        return new BigInteger(1, bytes);
    }

    /** Lowercase hex, as the API and the agent write serial numbers. */
    public static String hex(BigInteger serial) {
        return serial.toString(16);
    }
}

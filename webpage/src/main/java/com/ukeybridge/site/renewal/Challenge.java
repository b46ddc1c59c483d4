package com.ukeybridge.site.renewal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** A one-time challenge: 32 random bytes the old key must sign, valid until {@code expiresAt}. */
public record Challenge(byte[] bytes, Instant expiresAt) {
    private static final SecureRandom RANDOM = new SecureRandom();
    public static final int LENGTH = 32;

    public Challenge {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public static Challenge fresh(Clock clock, Duration lifetime) {
        byte[] bytes = new byte[LENGTH];
        RANDOM.nextBytes(bytes);
        return new Challenge(bytes, clock.instant().plus(lifetime).truncatedTo(ChronoUnit.MILLIS));
    }
}

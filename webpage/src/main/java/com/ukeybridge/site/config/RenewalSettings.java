package com.ukeybridge.site.config;

import java.time.Duration;

/**
 * The renewal rules (manual 2.4): renewable from {@code daysBefore} before to {@code daysAfter}
 * after {@code notAfter}; the new certificate is valid {@code validityDays}; a challenge lives
 * {@code challengeLifetime}.
 */
public record RenewalSettings(int daysBefore, int daysAfter, int validityDays, Duration challengeLifetime) {
    public static final RenewalSettings DEFAULTS = new RenewalSettings(90, 300, 1820, Duration.ofMinutes(5));

    public RenewalSettings {
        if (daysBefore < 0 || daysAfter < 0 || validityDays < 1 || challengeLifetime.isNegative() || challengeLifetime.isZero()) {
            throw new IllegalArgumentException("renewal settings out of range");
        }
    }
}

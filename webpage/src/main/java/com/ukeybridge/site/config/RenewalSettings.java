package com.ukeybridge.site.config;

import java.time.Duration;

/**
 * The renewal rules (manual 2.4): renewable from {@code daysBefore} before to {@code daysAfter}
 * after {@code notAfter}; the new certificate is valid {@code validityDays}; a challenge lives
 * {@code challengeLifetime}. With {@code revokeSuperseded} the old certificate is revoked
 * (reason superseded) when the new one is confirmed written, or {@code supersedeGrace} after
 * the new one was issued when that confirmation never comes.
 */
public record RenewalSettings(int daysBefore, int daysAfter, int validityDays, Duration challengeLifetime,
                              boolean revokeSuperseded, Duration supersedeGrace) {
    public static final Duration DEFAULT_SUPERSEDE_GRACE = Duration.ofHours(72);
    public static final RenewalSettings DEFAULTS = new RenewalSettings(90, 300, 1820, Duration.ofMinutes(5));

    public RenewalSettings {
        if (daysBefore < 0 || daysAfter < 0 || validityDays < 1 || challengeLifetime.isNegative() || challengeLifetime.isZero()
                || supersedeGrace.isNegative()) {
            throw new IllegalArgumentException("renewal settings out of range");
        }
    }

    /** The old certificate superseded, after the default grace. */
    public RenewalSettings(int daysBefore, int daysAfter, int validityDays, Duration challengeLifetime) {
        this(daysBefore, daysAfter, validityDays, challengeLifetime, true, DEFAULT_SUPERSEDE_GRACE);
    }

    public RenewalSettings withRevokeSuperseded(boolean value) {
        return new RenewalSettings(daysBefore, daysAfter, validityDays, challengeLifetime, value, supersedeGrace);
    }
}

package com.ukeybridge.agent.view;

import java.time.Duration;
import java.time.Instant;

/**
 * The old system's three states (manual 1.1–1.3): valid; expiring from {@code warnDays} before
 * {@code notAfter} (shown in red); expired once {@code notAfter} has passed.
 */
public record CertificateStatus(String status, long daysLeft) {
    private static final long SECONDS_PER_DAY = 86_400;

    public static CertificateStatus of(Instant notAfter, Instant now, int warnDays) {
        long secondsLeft = Duration.between(now, notAfter).getSeconds();
        // Whole days, rounded down: 23 hours left is day 0, one second past notAfter is day -1.
        long daysLeft = Math.floorDiv(secondsLeft, SECONDS_PER_DAY);
        String status;
        if (now.isAfter(notAfter)) {
            status = "expired";
        } else if (!now.isBefore(notAfter.minus(Duration.ofDays(warnDays)))) {
            status = "expiring";
        } else {
            status = "valid";
        }
        return new CertificateStatus(status, daysLeft);
    }
}

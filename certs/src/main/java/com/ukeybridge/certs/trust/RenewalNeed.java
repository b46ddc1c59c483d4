package com.ukeybridge.certs.trust;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.ukeybridge.certs.AgentTlsFiles;
import com.ukeybridge.certs.TlsFilesException;

/**
 * Whether the agent's certificate must be renewed (with a new root): when it, or the root,
 * is missing or unreadable, or when fewer than {@code minDays} days are left before its
 * {@code notAfter}.
 *
 * @param notAfter null when there is no readable certificate
 * @param daysLeft whole days left (negative once expired); meaningless when {@code notAfter} is null
 */
public record RenewalNeed(boolean needed, String reason, Instant notAfter, long daysLeft) {
    public static final int DEFAULT_MIN_DAYS = 60;

    public static RenewalNeed check(Path dir, Clock clock, int minDays) {
        X509Certificate certificate;
        try {
            certificate = AgentTlsFiles.readAgentCertificate(dir);
            AgentTlsFiles.readRoot(dir);
        } catch (TlsFilesException e) {
            return new RenewalNeed(true, e.getMessage(), null, 0);
        }
        Instant now = clock.instant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        long daysLeft = Duration.between(now, notAfter).toDays();
        if (notAfter.isBefore(now.plus(Duration.ofDays(minDays)))) {
            return new RenewalNeed(true, "the agent's certificate expires " + notAfter + ", " + daysLeft
                    + " days from now (fewer than " + minDays + ")", notAfter, daysLeft);
        }
        return new RenewalNeed(false, "the agent's certificate is valid until " + notAfter + ", " + daysLeft
                + " days from now (at least " + minDays + ")", notAfter, daysLeft);
    }
}

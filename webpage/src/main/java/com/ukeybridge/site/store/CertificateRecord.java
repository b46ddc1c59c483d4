package com.ukeybridge.site.store;

import java.time.Instant;
import java.util.Optional;

/**
 * A certificate the site knows, as stored.
 *
 * @param flowRef          for a certificate issued here, the renewal id or the reference number it was issued for
 * @param revocationReason why it was revoked (present when {@code revokedAt} is; rows revoked before issue 10 say unspecified)
 */
public record CertificateRecord(
        long id,
        String fingerprint,
        String serialNumber,
        String issuer,
        String subject,
        byte[] subjectDer,
        Instant notBefore,
        Instant notAfter,
        String publicKeySha256,
        Origin origin,
        Optional<Flow> flow,
        Optional<String> flowRef,
        byte[] der,
        Instant createdAt,
        Optional<Instant> revokedAt,
        Optional<RevocationReason> revocationReason) {

    /** How the site came to know the certificate. */
    public enum Origin { ISSUED, IMPORTED }

    /** Which flow issued it. */
    public enum Flow { RENEWAL, DOWNLOAD }

    public boolean revoked() {
        return revokedAt.isPresent();
    }
}

package com.ukeybridge.site.download;

import com.ukeybridge.site.issuance.IssuedCertificate;

import java.time.Instant;
import java.util.Optional;

/**
 * What the user confirms before downloading (manual 4.5): the authorized subject and the
 * validity, the key algorithm and whether a GM pair comes ({@code dual}); and a certificate issued on this authorization but never confirmed as written, if any.
 */
public record DownloadOffer(String subject, int validityDays, String keyAlgorithm, boolean dual, Instant expiresAt,
                            Optional<IssuedCertificate> pending) {
}

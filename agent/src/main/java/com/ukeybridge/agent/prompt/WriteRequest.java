package com.ukeybridge.agent.prompt;

import java.util.Objects;
import java.util.Optional;

/**
 * What the consent dialog shows before a write to a token.
 *
 * @param subject     the subject of the request or certificate, RFC 4514
 * @param certificate the certificate to be stored ({@code writeCert})
 * @param replaced    the certificate to be removed with its key pair ({@code writeCert} with {@code replaces})
 */
public record WriteRequest(String origin, String tokenLabel, Kind kind, String subject,
                           Optional<CertificateSummary> certificate, Optional<CertificateSummary> replaced) {
    public enum Kind {
        /** {@code signCsr}: a new key pair and a certificate request. */
        NEW_KEY_AND_REQUEST,
        /** {@code writeCert} without {@code replaces}. */
        STORE_CERTIFICATE,
        /** {@code writeCert} with {@code replaces}: the old certificate and key go. */
        REPLACE_CERTIFICATE
    }

    public WriteRequest {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(replaced, "replaced");
    }

    /** A request with no certificate to show ({@code signCsr}). */
    public WriteRequest(String origin, String tokenLabel, Kind kind, String subject) {
        this(origin, tokenLabel, kind, subject, Optional.empty(), Optional.empty());
    }
}

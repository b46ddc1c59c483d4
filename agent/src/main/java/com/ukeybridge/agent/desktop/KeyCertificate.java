package com.ukeybridge.agent.desktop;

import java.time.Instant;

/**
 * A certificate on a key, as the desktop shows it.
 *
 * @param name        the subject's common name, or the whole subject when it has none
 * @param subject     the subject, RFC 4514
 * @param fingerprint hex SHA-256 of the DER: the same certificate on any key, across polls
 */
public record KeyCertificate(String name, String subject, Instant notAfter, String fingerprint) {
}

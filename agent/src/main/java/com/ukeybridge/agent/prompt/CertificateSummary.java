package com.ukeybridge.agent.prompt;

import com.ukeybridge.x509.SubjectNames;

import java.security.cert.X509Certificate;
import java.time.Instant;

/** What the consent dialog tells of a certificate: subject and issuer (RFC 4514) and validity. */
public record CertificateSummary(String subject, String issuer, Instant notBefore, Instant notAfter) {
    public static CertificateSummary of(X509Certificate certificate) {
        return new CertificateSummary(SubjectNames.format(certificate.getSubjectX500Principal()),
                SubjectNames.format(certificate.getIssuerX500Principal()),
                certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant());
    }
}

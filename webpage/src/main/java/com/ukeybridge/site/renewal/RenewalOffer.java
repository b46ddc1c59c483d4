package com.ukeybridge.site.renewal;

import com.ukeybridge.site.issuance.IssuedCertificate;

import java.util.Optional;

/**
 * The answer to "choose the certificate": a challenge to sign, the new certificate's profile,
 * the window, and a certificate issued earlier but never confirmed as written, if any.
 */
public record RenewalOffer(String renewalId, Challenge challenge, String proofAlgorithm, CertificateProfile profile,
                           RenewalWindow.Dates window, Optional<IssuedCertificate> pending) {
}

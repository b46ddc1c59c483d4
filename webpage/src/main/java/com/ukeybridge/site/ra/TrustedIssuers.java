package com.ukeybridge.site.ra;

import com.ukeybridge.site.ca.Signatures;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;

/** The old CA's certificates ({@code trustedIssuers}): whose end-entity certificates may be imported for renewal. */
public final class TrustedIssuers {
    private final List<X509Certificate> issuers;

    public TrustedIssuers(List<X509Certificate> issuers) {
        this.issuers = List.copyOf(issuers);
    }

    public static TrustedIssuers fromFiles(List<Path> files) {
        return new TrustedIssuers(files.stream().flatMap(f -> Pem.readCertificates(f).stream()).toList());
    }

    /** @throws UntrustedCertificateException unless a trusted issuer with the certificate's issuer name signed it */
    public X509Certificate verify(X509Certificate certificate) {
        List<X509Certificate> candidates = issuers.stream()
                .filter(i -> i.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())).toList();
        if (candidates.isEmpty()) {
            throw new UntrustedCertificateException("issuer " + certificate.getIssuerX500Principal().getName()
                    + " of certificate " + certificate.getSerialNumber().toString(16) + " is not among the trustedIssuers");
        }
        for (X509Certificate issuer : candidates) {
            try {
                certificate.verify(issuer.getPublicKey(), Signatures.PROVIDER);
                return issuer;
            } catch (GeneralSecurityException e) {
                // try the next certificate of that name (a re-keyed CA)
            }
        }
        throw new UntrustedCertificateException("the signature of certificate " + certificate.getSerialNumber().toString(16)
                + " does not verify with its issuer " + certificate.getIssuerX500Principal().getName());
    }
}

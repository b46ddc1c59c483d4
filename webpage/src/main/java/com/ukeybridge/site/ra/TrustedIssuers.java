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
                // Bouncy Castle's holder: it verifies SM3withSM2 (an SM2 old CA) as well as ECDSA and RSA.
                if (new org.bouncycastle.cert.X509CertificateHolder(certificate.getEncoded()).isSignatureValid(
                        Signatures.verifierProvider(org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(issuer.getPublicKey().getEncoded())))) {
                    return issuer;
                }
            } catch (GeneralSecurityException | java.io.IOException | org.bouncycastle.operator.OperatorCreationException
                     | org.bouncycastle.cert.CertException | RuntimeException e) {
                // try the next certificate of that name (a re-keyed CA)
            }
        }
        throw new UntrustedCertificateException("the signature of certificate " + certificate.getSerialNumber().toString(16)
                + " does not verify with its issuer " + certificate.getIssuerX500Principal().getName());
    }
}

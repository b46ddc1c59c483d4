package com.ukeybridge.site.issuance;

import com.ukeybridge.x509.SubjectNames;

import com.ukeybridge.site.ca.SerialNumbers;
import com.ukeybridge.site.store.CertificateRecord;
import com.ukeybridge.site.store.NewCertificate;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Optional;

/** Turns an X.509 certificate into the row that records it. */
public final class KnownCertificates {
    private KnownCertificates() {
    }

    public static String fingerprint(byte[] der) {
        return PublicKeys.sha256(der);
    }

    public static NewCertificate row(X509Certificate certificate, CertificateRecord.Origin origin,
                                     Optional<CertificateRecord.Flow> flow, Optional<String> flowRef) {
        try {
            byte[] der = certificate.getEncoded();
            return new NewCertificate(fingerprint(der), SerialNumbers.hex(certificate.getSerialNumber()),
                    SubjectNames.format(certificate.getIssuerX500Principal()), SubjectNames.format(certificate.getSubjectX500Principal()),
                    certificate.getSubjectX500Principal().getEncoded(), certificate.getNotBefore().toInstant(),
                    certificate.getNotAfter().toInstant(),
                    PublicKeys.sha256(SubjectPublicKeyInfo.getInstance(certificate.getPublicKey().getEncoded())),
                    origin, flow, flowRef, der);
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded", e);
        }
    }
}

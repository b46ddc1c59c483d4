package com.ukeybridge.site.ca;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.ContentSigner;

import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/** The CA's own self-signed certificate, made once when its key is made. */
final class CaCertificates {
    static final Duration VALIDITY = Duration.ofDays(20 * 365 + 5);

    private CaCertificates() {
    }

    static X509Certificate selfSigned(X500Name name, SubjectPublicKeyInfo publicKey, ContentSigner signer, Instant now) {
        try {
            BcX509ExtensionUtils extensions = new BcX509ExtensionUtils();
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(name, SerialNumbers.random(),
                    Date.from(now.minusSeconds(300)), Date.from(now.plus(VALIDITY)), name, publicKey)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(publicKey));
            return new JcaX509CertificateConverter().setProvider(Signatures.PROVIDER).getCertificate(builder.build(signer));
        } catch (IOException | CertificateException e) {
            throw new IllegalStateException("cannot make the CA certificate", e);
        }
    }
}

package com.ukeybridge.site.ca;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Date;
import java.util.Objects;

/**
 * Issues certificates for client-authentication login: a random serial (126 bits), keyUsage
 * digitalSignature (critical), extendedKeyUsage clientAuth, authority and subject key
 * identifiers, basicConstraints CA:false (critical). Thread-safe.
 */
public final class CertificateAuthority {
    private final CaKey key;
    private final X500Name issuer;
    private final AuthorityKeyIdentifier authorityKeyIdentifier;

    public CertificateAuthority(CaKey key) {
        this.key = Objects.requireNonNull(key, "key");
        this.issuer = X500Name.getInstance(key.certificate().getSubjectX500Principal().getEncoded());
        this.authorityKeyIdentifier = authorityKeyIdentifier(key.certificate());
    }

    public X509Certificate certificate() {
        return key.certificate();
    }

    /** Signs a certificate valid from {@code notBefore} for exactly {@code validityDays} days. */
    public X509Certificate issue(IssueOrder order) {
        try {
            BcX509ExtensionUtils extensions = new BcX509ExtensionUtils();
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(issuer, SerialNumbers.random(),
                    Date.from(order.notBefore()), Date.from(order.notBefore().plus(Duration.ofDays(order.validityDays()))),
                    order.subject(), order.publicKey())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(order.publicKey()))
                    .addExtension(Extension.authorityKeyIdentifier, false, authorityKeyIdentifier);
            return new JcaX509CertificateConverter().getCertificate(builder.build(key.newSigner()));
        } catch (CertIOException | CertificateException e) {
            throw new IllegalStateException("cannot issue a certificate", e);
        }
    }

    /** The CA certificate's own subject key identifier when it has one (it may come from an HSM), else computed. */
    private static AuthorityKeyIdentifier authorityKeyIdentifier(X509Certificate ca) {
        byte[] extension = ca.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (extension != null) {
            SubjectKeyIdentifier ski = SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(extension).getOctets());
            return new AuthorityKeyIdentifier(ski.getKeyIdentifier());
        }
        return new BcX509ExtensionUtils().createAuthorityKeyIdentifier(SubjectPublicKeyInfo.getInstance(ca.getPublicKey().getEncoded()));
    }
}

package com.ukeybridge.certs;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

/** Issues the agent's TLS server certificate for the loopback names from a {@link LocalRoot}. */
final class AgentCertificateIssuer {
    /** Apple rejects TLS server certificates valid for more than 825 days; stay clear of it. */
    static final Duration VALIDITY = Duration.ofDays(820);

    private AgentCertificateIssuer() {
    }

    static AgentCredentials issue(LocalRoot root, Clock clock, SecureRandom random) {
        KeyPair keys = EcKeys.generateP256(random);
        Instant notBefore = clock.instant().minus(LocalRoot.BACKDATE);
        X509Certificate rootCertificate = root.certificate();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            // The issuer is taken from the root certificate itself, so its encoding matches byte for byte.
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    rootCertificate, SerialNumbers.random(random),
                    Date.from(notBefore), Date.from(notBefore.plus(VALIDITY)),
                    subject(), keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectAlternativeName, false, loopbackNames());
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(keys.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false, authorityKeyIdentifier(rootCertificate));
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(root.signer()));
            return new AgentCredentials(certificate, keys.getPrivate(), rootCertificate);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Could not issue the agent's TLS certificate", e);
        }
    }

    /**
     * The root's own subject key identifier and nothing else: issuer name and serial in the AKI
     * would add nothing for a single-level chain.
     */
    private static AuthorityKeyIdentifier authorityKeyIdentifier(X509Certificate root)
            throws CertificateEncodingException {
        Extension rootKeyId = new JcaX509CertificateHolder(root).getExtension(Extension.subjectKeyIdentifier);
        return new AuthorityKeyIdentifier(SubjectKeyIdentifier.getInstance(rootKeyId.getParsedValue()).getKeyIdentifier());
    }

    /**
     * CN=localhost rather than CN=127.0.0.1: verifiers that still read the CN as a DNS name
     * (OpenSSL does, in some cases) would find an IP in it outside the root's dNSName constraint.
     */
    private static X500Name subject() {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, "UKey Bridge")
                .addRDN(BCStyle.CN, "localhost")
                .build();
    }

    private static GeneralNames loopbackNames() {
        return new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.iPAddress, new DEROctetString(LocalRoot.literalAddress("127.0.0.1"))),
            new GeneralName(GeneralName.iPAddress, new DEROctetString(LocalRoot.literalAddress("::1"))),
            new GeneralName(GeneralName.dNSName, "localhost"),
        });
    }
}

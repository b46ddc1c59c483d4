package com.ukeybridge.site.ca;

import com.ukeybridge.x509.SubjectNames;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;

import java.math.BigInteger;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Issues certificates for client-authentication login: a random serial (126 bits), keyUsage
 * digitalSignature (critical), extendedKeyUsage clientAuth, authority and subject key
 * identifiers, basicConstraints CA:false (critical), and, when the site publishes revocation,
 * a CRL distribution point and authority information access (CA issuers, OCSP). Thread-safe.
 */
public final class CertificateAuthority {
    private final CaKey key;
    private final X500Name issuer;
    private final AuthorityKeyIdentifier authorityKeyIdentifier;
    private final Supplier<Optional<RevocationUrls>> revocationUrls;

    /** A CA that names no revocation URLs (the CA tests, the demo's seeding before the site serves). */
    public CertificateAuthority(CaKey key) {
        this(key, Optional::empty);
    }

    /** @param revocationUrls asked at each issuance: the site knows its own address only once it serves */
    public CertificateAuthority(CaKey key, Supplier<Optional<RevocationUrls>> revocationUrls) {
        this.key = Objects.requireNonNull(key, "key");
        this.issuer = X500Name.getInstance(key.certificate().getSubjectX500Principal().getEncoded());
        this.authorityKeyIdentifier = authorityKeyIdentifier(key.certificate());
        this.revocationUrls = Objects.requireNonNull(revocationUrls, "revocationUrls");
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
            Optional<RevocationUrls> urls = revocationUrls.get();
            if (urls.isPresent()) {
                builder.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[]{
                        new DistributionPoint(new DistributionPointName(new GeneralNames(uri(urls.get().crl()))), null, null)}));
                builder.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(new AccessDescription[]{
                        new AccessDescription(AccessDescription.id_ad_caIssuers, uri(urls.get().caIssuers())),
                        new AccessDescription(AccessDescription.id_ad_ocsp, uri(urls.get().ocsp()))}));
            }
            return new JcaX509CertificateConverter().getCertificate(builder.build(key.newSigner()));
        } catch (CertIOException | CertificateException e) {
            throw new IllegalStateException("cannot issue a certificate", e);
        }
    }

    /**
     * A delegated OCSP responder's certificate (RFC 6960, 4.2.2.2): extendedKeyUsage OCSPSigning,
     * id-pkix-ocsp-nocheck (relying parties do not ask about the responder itself), short-lived.
     */
    public X509Certificate issueOcspResponder(SubjectPublicKeyInfo publicKey, Instant notBefore, Duration validity) {
        try {
            BcX509ExtensionUtils extensions = new BcX509ExtensionUtils();
            X500Name subject = new X500NameBuilder().addRDN(BCStyle.CN,
                    "OCSP responder of " + SubjectNames.format(key.certificate().getSubjectX500Principal())).build();
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(issuer, SerialNumbers.random(),
                    Date.from(notBefore), Date.from(notBefore.plus(validity)), subject, publicKey)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning))
                    .addExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, false, DERNull.INSTANCE)
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(publicKey))
                    .addExtension(Extension.authorityKeyIdentifier, false, authorityKeyIdentifier);
            return new JcaX509CertificateConverter().getCertificate(builder.build(key.newSigner()));
        } catch (CertIOException | CertificateException e) {
            throw new IllegalStateException("cannot issue the OCSP responder's certificate", e);
        }
    }

    /** One line of a CRL: a certificate this CA issued, when and why it was revoked (RFC 5280 CRLReason code). */
    public record RevokedEntry(BigInteger serialNumber, Instant revokedAt, int reasonCode) {
    }

    /** Signs a CRL (v2, with CRL number and authority key identifier) listing {@code revoked}. */
    public byte[] signCrl(List<RevokedEntry> revoked, long crlNumber, Instant thisUpdate, Instant nextUpdate) {
        try {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(issuer, Date.from(thisUpdate));
            builder.setNextUpdate(Date.from(nextUpdate));
            for (RevokedEntry entry : revoked) {
                builder.addCRLEntry(entry.serialNumber(), Date.from(entry.revokedAt()), entry.reasonCode());
            }
            builder.addExtension(Extension.authorityKeyIdentifier, false, authorityKeyIdentifier);
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(crlNumber)));
            return builder.build(key.newSigner()).getEncoded();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot sign a CRL", e);
        }
    }

    private static GeneralName uri(java.net.URI uri) {
        return new GeneralName(GeneralName.uniformResourceIdentifier, uri.toASCIIString());
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

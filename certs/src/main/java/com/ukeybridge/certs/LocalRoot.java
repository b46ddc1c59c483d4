package com.ukeybridge.certs;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Arrays;
import java.util.HexFormat;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The per-machine root, alive only in memory: its certificate and the signer made from its
 * private key. Nothing here writes anything; {@link AgentTlsFiles#create} keeps an instance
 * only long enough to issue the agent's certificate and then lets it go, so the private key
 * is never persisted (Java cannot reliably zero an EC key, so the best we can do is keep
 * its reachable lifetime to that one method).
 */
final class LocalRoot {
    /** A little longer than the agent's certificate, so the chain never expires at the root first. */
    static final Duration VALIDITY = Duration.ofDays(830);
    /** Back-dating absorbs small clock differences between this process and the verifier. */
    static final Duration BACKDATE = Duration.ofMinutes(5);

    private static final int MAX_CN_LENGTH = 64;

    private final X509Certificate certificate;
    private final ContentSigner signer;

    private LocalRoot(X509Certificate certificate, ContentSigner signer) {
        this.certificate = certificate;
        this.signer = signer;
    }

    /** A fresh root for this machine: new key, random serial, a subject no other install shares. */
    static LocalRoot generate(Clock clock, SecureRandom random) {
        return generate(MachineName.current(), clock, random);
    }

    static LocalRoot generate(String machineName, Clock clock, SecureRandom random) {
        KeyPair keys = EcKeys.generateP256(random);
        Instant notBefore = clock.instant().minus(BACKDATE);
        X500Name subject = subject(machineName, clock.instant(), random);
        try {
            ContentSigner signer = new JcaContentSignerBuilder(EcKeys.SIGNATURE_ALGORITHM)
                    .setSecureRandom(random)
                    .build(keys.getPrivate());
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    subject, SerialNumbers.random(random),
                    Date.from(notBefore), Date.from(notBefore.plus(VALIDITY)),
                    subject, keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.nameConstraints, true, loopbackOnly());
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keys.getPublic()));
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(signer));
            return new LocalRoot(certificate, signer);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("Could not make the local root certificate", e);
        }
    }

    /** The root certificate: public, the only part of the root that ever leaves memory. */
    X509Certificate certificate() {
        return certificate;
    }

    /** Signs with the root's private key; for issuing certificates under this root only. */
    ContentSigner signer() {
        return signer;
    }

    /**
     * Permits only the loopback names the agent answers on. An iPAddress subtree is an
     * address followed by a mask (RFC 5280 4.2.1.10), which is how NSS, Chromium and the
     * JDK read it: 127.0.0.1/255.255.255.255 and ::1 with an all-ones 128-bit mask.
     */
    private static NameConstraints loopbackOnly() {
        GeneralSubtree[] permitted = {
            new GeneralSubtree(ipWithFullMask("127.0.0.1")),
            new GeneralSubtree(ipWithFullMask("::1")),
            new GeneralSubtree(new GeneralName(GeneralName.dNSName, "localhost")),
        };
        return new NameConstraints(permitted, null);
    }

    private static GeneralName ipWithFullMask(String literal) {
        byte[] address = literalAddress(literal);
        byte[] addressAndMask = new byte[address.length * 2];
        System.arraycopy(address, 0, addressAndMask, 0, address.length);
        Arrays.fill(addressAndMask, address.length, addressAndMask.length, (byte) 0xFF);
        return new GeneralName(GeneralName.iPAddress, new DEROctetString(addressAndMask));
    }

    static byte[] literalAddress(String literal) {
        try {
            // A literal never triggers a DNS lookup.
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Not an IP literal: " + literal, e);
        }
    }

    /**
     * Names the machine so a user who finds it in a trust store knows where it came from; the
     * creation time and a random tag make two installs on one machine distinguishable.
     */
    private static X500Name subject(String machineName, Instant now, SecureRandom random) {
        String prefix = "UKey Bridge local root (";
        String host = machineName.length() > MAX_CN_LENGTH - prefix.length() - 1
                ? machineName.substring(0, MAX_CN_LENGTH - prefix.length() - 1)
                : machineName;
        byte[] tag = new byte[4];
        random.nextBytes(tag);
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, "UKey Bridge")
                .addRDN(BCStyle.OU, "Created " + now.truncatedTo(ChronoUnit.SECONDS) + " id " + HexFormat.of().formatHex(tag))
                .addRDN(BCStyle.CN, prefix + host + ")")
                .build();
    }
}

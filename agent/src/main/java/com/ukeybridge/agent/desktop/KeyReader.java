package com.ukeybridge.agent.desktop;

import com.ukeybridge.agent.view.TokenViews;
import com.ukeybridge.x509.SubjectNames;
import com.ukeybridge.token.CertificateUsage;
import com.ukeybridge.token.StoredCertificate;
import com.ukeybridge.token.KeyToken;
import com.ukeybridge.token.TokenException;
import com.ukeybridge.token.TokenInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads what the desktop shows of a token: its description and its X.509 certificates. */
public final class KeyReader {
    private static final Logger log = LoggerFactory.getLogger(KeyReader.class);

    private KeyReader() {
    }

    /** @return empty when the key went or stayed busy while being read: it is shown at the next look */
    public static Optional<KeyContents> read(KeyToken token) {
        TokenInfo info = token.info();
        List<StoredCertificate> stored;
        try {
            stored = token.certificates();
        } catch (TokenException e) {
            log.debug("reading certificates of {} for the tray: {}", token, e.getMessage());
            return Optional.empty();
        }
        // A GM key's container with an encryption certificate holds a signing + encryption pair.
        Set<String> pairs = stored.stream().filter(c -> c.usage() == CertificateUsage.ENCRYPTION)
                .map(StoredCertificate::label).collect(Collectors.toSet());
        List<KeyCertificate> certificates = new ArrayList<>();
        for (StoredCertificate object : stored) {
            try {
                KeyCertificate read = certificate(TokenViews.parse(object.der()));
                certificates.add(new KeyCertificate(read.name(), read.subject(), read.notAfter(), read.fingerprint(),
                        object.usage(), Optional.of(object.label()).filter(pairs::contains)));
            } catch (CertificateException e) {
                log.debug("certificate object on {} is not X.509: {}", token, e.getMessage());
            }
        }
        return Optional.of(new KeyContents(info.label(), info.manufacturer(), info.model(), info.serialNumber(), certificates));
    }

    static KeyCertificate certificate(X509Certificate certificate) throws CertificateException {
        String subject = SubjectNames.format(certificate.getSubjectX500Principal());
        return new KeyCertificate(commonName(subject).orElse(subject), subject,
                certificate.getNotAfter().toInstant(), sha256(certificate.getEncoded()));
    }

    static Optional<String> commonName(String subject) {
        try {
            List<Rdn> rdns = new LdapName(subject).getRdns();
            // LdapName lists the most significant RDN first; the CN people know is usually last in RFC 4514 order.
            for (int i = rdns.size() - 1; i >= 0; i--) {
                if ("CN".equalsIgnoreCase(rdns.get(i).getType())) {
                    return Optional.of(String.valueOf(rdns.get(i).getValue()));
                }
            }
        } catch (InvalidNameException e) {
            log.debug("subject {} is not an LDAP name: {}", subject, e.getMessage());
        }
        return Optional.empty();
    }

    private static String sha256(byte[] der) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}

package com.ukeybridge.certs;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What {@link AgentTlsFiles#create(Path, java.time.Clock)} wrote: the three paths and the
 * new root certificate (public; its private key no longer exists).
 */
public record CreatedTlsFiles(Path root, Path agentCertificate, Path agentKey, X509Certificate rootCertificate) {

    public CreatedTlsFiles {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(agentCertificate, "agentCertificate");
        Objects.requireNonNull(agentKey, "agentKey");
        Objects.requireNonNull(rootCertificate, "rootCertificate");
    }

    /** The root's SHA-256 fingerprint as browsers and OS dialogs show it: uppercase hex pairs joined by colons. */
    public String rootFingerprintSha256() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(rootCertificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("Cannot fingerprint the root certificate", e);
        }
    }
}

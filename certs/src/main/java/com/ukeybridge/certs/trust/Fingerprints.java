package com.ukeybridge.certs.trust;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;

/** Certificate fingerprints as the stores and dialogs show them, and PEM text read back from a store. */
final class Fingerprints {
    private Fingerprints() {
    }

    /** Uppercase hex pairs joined by colons, as browsers show it (and {@code certs create} prints it). */
    static String sha256(X509Certificate certificate) {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest("SHA-256", certificate));
    }

    /** Uppercase hex without separators: the "thumbprint" Windows and macOS identify certificates by. */
    static String sha1(X509Certificate certificate) {
        return HexFormat.of().withUpperCase().formatHex(digest("SHA-1", certificate));
    }

    private static byte[] digest(String algorithm, X509Certificate certificate) {
        try {
            return MessageDigest.getInstance(algorithm).digest(certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot fingerprint a certificate with " + algorithm, e);
        }
    }

    /**
     * The certificates in PEM (or DER) text a tool printed or a file holds; empty when it holds
     * none that parse, since a store may contain anything and only ours matter.
     */
    static List<X509Certificate> certificatesIn(byte[] content) {
        try {
            return CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(content)).stream()
                    .map(X509Certificate.class::cast)
                    .toList();
        } catch (GeneralSecurityException | RuntimeException e) {
            return List.of();
        }
    }

    static List<X509Certificate> certificatesIn(String text) {
        return certificatesIn(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}

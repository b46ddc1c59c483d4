package com.ukeybridge.agent.desktop;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Whether the machine's local root ({@code tlsDir/root.pem}) is there, and its SHA-256
 * fingerprint, for the diagnostics. Whether browsers trust it is the trust store's
 * {@code certs status}, not read here.
 *
 * @param fingerprint colon-separated upper-case hex, as browsers show it; empty when absent or unreadable
 * @param problem     why the file could not be read, if it exists but could not
 */
public record LocalRootStatus(Path file, boolean exists, Optional<String> fingerprint, Optional<String> problem) {

    public static LocalRootStatus read(Path tlsDir) {
        Path file = tlsDir.resolve("root.pem");
        if (!Files.isRegularFile(file)) {
            return new LocalRootStatus(file, false, Optional.empty(), Optional.empty());
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] der = CertificateFactory.getInstance("X.509").generateCertificate(in).getEncoded();
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(der);
            return new LocalRootStatus(file, true, Optional.of(HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest)),
                    Optional.empty());
        } catch (IOException | CertificateException e) {
            return new LocalRootStatus(file, true, Optional.empty(), Optional.of(String.valueOf(e.getMessage())));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}

package com.ukeybridge.site.ra;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.ukeybridge.token.testing.TestCa;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A PEM or DER file, any bytes, as {@code trustedIssuers} and {@code ra import-cert} read it:
 * certificates, or the {@link IllegalArgumentException} naming the file that {@link Pem}
 * documents; each certificate read is then trusted or refused with
 * {@link UntrustedCertificateException}, nothing else.
 */
class PemFuzzTest {
    private static final TrustedIssuers trusted = new TrustedIssuers(List.of(TestCa.create().certificate()));
    private static Path dir;
    private static Path file;

    @BeforeAll
    static void makeDir() throws IOException {
        dir = Files.createTempDirectory("pem-fuzz");
        file = dir.resolve("certificates.pem");
    }

    @AfterAll
    static void removeDir() throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
    }

    @FuzzTest
    void whenAnyFileIsRead_thenCertificatesOrARefusalNamingTheFile(byte[] content) throws IOException {
        Files.write(file, content);
        List<X509Certificate> certificates;
        try {
            certificates = Pem.readCertificates(file);
        } catch (IllegalArgumentException expected) {
            return;
        }
        for (X509Certificate certificate : certificates) {
            try {
                trusted.verify(certificate);
            } catch (UntrustedCertificateException expected) {
                // not from the old CA
            }
        }
    }
}

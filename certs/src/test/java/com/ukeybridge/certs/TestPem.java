package com.ukeybridge.certs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

/** Reads PEM files the way an independent client would: with the JDK alone. */
final class TestPem {
    private TestPem() {
    }

    static List<X509Certificate> certificates(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (CertificateException e) {
            throw new IllegalStateException(e);
        }
    }

    static X509Certificate root(Path dir) {
        return certificates(dir.resolve(AgentTlsFiles.ROOT)).get(0);
    }

    static X509Certificate leaf(Path dir) {
        return certificates(dir.resolve(AgentTlsFiles.AGENT_CERTIFICATE)).get(0);
    }
}

package com.ukeybridge.agent;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;

/** A TLS client context that trusts one root and nothing else, as a browser with it installed. */
public final class TrustedRoot {
    private TrustedRoot() {
    }

    public static SSLContext trusting(Path rootPem) {
        try (InputStream in = Files.newInputStream(rootPem)) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("root", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + rootPem, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot trust " + rootPem, e);
        }
    }
}

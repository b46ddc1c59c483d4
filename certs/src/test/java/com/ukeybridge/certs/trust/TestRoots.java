package com.ukeybridge.certs.trust;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import com.ukeybridge.certs.AgentTlsFiles;

/** Roots for the tests: ours, made by the real 'certs create', and foreign ones that must never be touched. */
final class TestRoots {
    private TestRoots() {
    }

    /** Runs 'certs create' into {@code dir} and reads the root back. */
    static LocalRootFile ours(Path dir) {
        return ours(dir, Clock.systemUTC());
    }

    static LocalRootFile ours(Path dir, Clock clock) {
        AgentTlsFiles.create(dir, clock);
        return LocalRootFile.read(dir);
    }

    /** A self-signed CA certificate from someone else, as PEM in {@code file}. */
    static X509Certificate foreign(Path file, String commonName) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            KeyPair keys = generator.generateKeyPair();
            X500Name name = new X500Name("CN=" + commonName);
            Instant now = Instant.now();
            var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(365, ChronoUnit.DAYS)), name, keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, pem(certificate));
            return certificate;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(X509Certificate certificate) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    static List<KnownRoot> known(LocalRootFile... roots) {
        return java.util.Arrays.stream(roots).map(LocalRootFile::known).toList();
    }
}

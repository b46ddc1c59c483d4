package com.ukeybridge.site.ca;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.operator.ContentSigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.security.auth.x500.X500Principal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;

/**
 * The CA key in a PKCS#12 keystore: made on first start (EC P-256, a self-signed CA certificate),
 * in a file only the service's user can read (0600). Without a configured password a random
 * one is made and kept beside it in {@code FILE.password}, also 0600: the development mode
 * (tests, {@code serve --dev}, the demo); {@code SiteConfigReader} refuses it otherwise.
 */
public final class Pkcs12CaKey implements CaKey {
    private static final Logger LOG = LoggerFactory.getLogger(Pkcs12CaKey.class);
    static final String ALIAS = "ca";

    private final PrivateKey privateKey;
    private final X509Certificate certificate;

    private Pkcs12CaKey(PrivateKey privateKey, X509Certificate certificate) {
        this.privateKey = Signatures.own(privateKey);
        this.certificate = certificate;
    }

    /** Opens {@code file}, or makes it (and the CA) if it does not exist. */
    public static Pkcs12CaKey openOrCreate(Path file, Optional<String> configuredPassword, String caSubject, Clock clock) {
        char[] password = password(file, configuredPassword).toCharArray();
        try {
            if (Files.exists(file)) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(file)) {
                    store.load(in, password);
                }
                PrivateKey key = (PrivateKey) store.getKey(ALIAS, password);
                Certificate certificate = store.getCertificate(ALIAS);
                if (key == null || !(certificate instanceof X509Certificate x509)) {
                    throw new IllegalStateException("CA keystore " + file + " holds no key and certificate under alias '" + ALIAS + "'");
                }
                LOG.info("CA key from {}: {}", file, x509.getSubjectX500Principal().getName());
                return new Pkcs12CaKey(key, x509);
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            X509Certificate certificate = CaCertificates.selfSigned(
                    X500Name.getInstance(new X500Principal(caSubject).getEncoded()),
                    SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded()), signer(pair.getPrivate()), clock.instant());
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, pair.getPrivate(), password, new Certificate[]{certificate});
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, password);
            OwnerOnlyFiles.create(file, out.toByteArray());
            LOG.info("Made a new CA key in {}: {}", file, caSubject);
            return new Pkcs12CaKey(pair.getPrivate(), certificate);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot open the CA keystore " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public X509Certificate certificate() {
        return certificate;
    }

    @Override
    public ContentSigner newSigner() {
        return signer(privateKey);
    }

    private static ContentSigner signer(PrivateKey key) {
        return Signatures.signer(key);
    }

    private static String password(Path file, Optional<String> configured) {
        if (configured.isPresent()) {
            return configured.get();
        }
        Path passwordFile = file.resolveSibling(file.getFileName() + ".password");
        try {
            if (Files.exists(passwordFile)) {
                return Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
            }
            if (Files.exists(file)) {
                throw new IllegalStateException("CA keystore " + file + " exists but no password is configured and "
                        + passwordFile + " is missing");
            }
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            OwnerOnlyFiles.create(passwordFile, generated.getBytes(StandardCharsets.UTF_8));
            return generated;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + passwordFile + ": " + e.getMessage(), e);
        }
    }
}

package com.ukeybridge.site.ca;

import com.ukeybridge.site.config.CaKeySource;
import com.ukeybridge.token.GeneratedKeyPair;
import com.ukeybridge.token.KeyAlgorithm;
import com.ukeybridge.token.ObjectId;
import com.ukeybridge.token.SignatureAlgorithm;
import com.ukeybridge.token.StoredCertificate;
import com.ukeybridge.token.Token;
import com.ukeybridge.token.TokenContentSigner;
import com.ukeybridge.token.TokenRegistry;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.operator.ContentSigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.security.auth.x500.X500Principal;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The CA key on a PKCS#11 token (an HSM), through the same binding as the agent. The CA
 * certificate lives on the token too, under the key's {@code CKA_ID}. On first start, when
 * the token has no certificate labelled {@code keyLabel}, an EC P-256 key pair is generated on
 * the token (private half sensitive, not extractable) and a self-signed CA certificate stored
 * beside it. With {@code keyId} the key and certificate must already be there.
 */
public final class Pkcs11CaKey implements CaKey {
    private static final Logger LOG = LoggerFactory.getLogger(Pkcs11CaKey.class);

    private final TokenRegistry registry;
    private final Token token;
    private final ObjectId keyId;
    private final X509Certificate certificate;
    private final SignatureAlgorithm algorithm;
    private final char[] pin;

    private Pkcs11CaKey(TokenRegistry registry, Token token, ObjectId keyId, X509Certificate certificate, char[] pin) {
        this.registry = registry;
        this.token = token;
        this.keyId = keyId;
        this.certificate = certificate;
        this.algorithm = "EC".equals(certificate.getPublicKey().getAlgorithm())
                ? SignatureAlgorithm.SHA256_WITH_ECDSA : SignatureAlgorithm.SHA256_WITH_RSA;
        this.pin = pin;
    }

    public static Pkcs11CaKey openOrCreate(CaKeySource.Pkcs11 source, String caSubject, Clock clock) {
        TokenRegistry registry = TokenRegistry.open(List.of(source.module()), Duration.ofHours(1), Duration.ofSeconds(30));
        try {
            Token token = registry.tokens().stream().filter(t -> t.info().label().equals(source.tokenLabel())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no token labelled '" + source.tokenLabel() + "' in " + source.module()));
            char[] pin = source.pin().toCharArray();
            token.login(pin);
            Optional<StoredCertificate> stored = token.certificates().stream()
                    .filter(c -> source.keyId().map(id -> c.id().hex().equals(id)).orElse(true))
                    .filter(c -> source.keyLabel().map(label -> c.label().equals(label)).orElse(true))
                    .findFirst();
            if (stored.isPresent()) {
                X509Certificate certificate = parse(stored.get().der());
                LOG.info("CA key on token '{}', id {}: {}", source.tokenLabel(), stored.get().id(), certificate.getSubjectX500Principal().getName());
                return new Pkcs11CaKey(registry, token, stored.get().id(), certificate, pin);
            }
            if (source.keyId().isPresent()) {
                throw new IllegalStateException("no CA certificate with CKA_ID " + source.keyId().get() + " on token '" + source.tokenLabel() + "'");
            }
            String label = source.keyLabel().orElseThrow();
            GeneratedKeyPair pair = token.generateKeyPair(KeyAlgorithm.EC_P256, label);
            X509Certificate certificate = CaCertificates.selfSigned(X500Name.getInstance(new X500Principal(caSubject).getEncoded()),
                    SubjectPublicKeyInfo.getInstance(pair.publicKey().getEncoded()),
                    new TokenContentSigner(token, pair.id(), SignatureAlgorithm.SHA256_WITH_ECDSA), clock.instant());
            token.storeCertificate(certificate, Optional.of(label), Optional.empty());
            LOG.info("Made a new CA key on token '{}', id {}: {}", source.tokenLabel(), pair.id(), caSubject);
            return new Pkcs11CaKey(registry, token, pair.id(), certificate, pin);
        } catch (RuntimeException e) {
            registry.close();
            throw e;
        }
    }

    @Override
    public X509Certificate certificate() {
        return certificate;
    }

    /** The id of the key pair on the token. */
    public ObjectId keyId() {
        return keyId;
    }

    @Override
    public ContentSigner newSigner() {
        // An HSM may drop the login (restart, session reset); log in again rather than fail an issuance.
        if (!token.isLoggedIn()) {
            token.login(pin);
        }
        return new TokenContentSigner(token, keyId, algorithm);
    }

    @Override
    public void close() {
        java.util.Arrays.fill(pin, '\0');
        registry.close();
    }

    private static X509Certificate parse(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509", Signatures.PROVIDER).generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new IllegalStateException("the CA certificate on the token cannot be read", e);
        }
    }
}

package com.ukeybridge.site.revocation;

import com.ukeybridge.site.ca.CertificateAuthority;
import com.ukeybridge.site.ca.Signatures;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentSigner;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The delegated OCSP responder's key (RFC 6960, 4.2.2.2): an EC P-256 key made in memory and a
 * certificate for it from the CA, valid {@link #VALIDITY}, replaced a day before it ends (and at
 * every start). OCSP answers are signed with it, so the CA key (an HSM's, perhaps) signs once
 * a week for OCSP, not once per answer; the key never touches the disk.
 */
final class OcspSigningKey {
    static final Duration VALIDITY = Duration.ofDays(7);
    private static final Duration RENEW_BEFORE = Duration.ofDays(1);

    /** The key, its certificate, and when the certificate ends. */
    record Current(PrivateKey key, X509CertificateHolder certificate, SubjectPublicKeyInfo publicKey, Instant notAfter) {
        ContentSigner signer() {
            return Signatures.signer(key);
        }
    }

    private final CertificateAuthority ca;
    private final Clock clock;
    private Current current;

    OcspSigningKey(CertificateAuthority ca, Clock clock) {
        this.ca = ca;
        this.clock = clock;
    }

    synchronized Current current() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        if (current == null || !now.isBefore(current.notAfter().minus(RENEW_BEFORE))) {
            current = make(now);
        }
        return current;
    }

    private Current make(Instant now) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", Signatures.PROVIDER);
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            SubjectPublicKeyInfo publicKey = SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded());
            // A few minutes back: a relying party whose clock is a little behind still accepts it.
            X509Certificate certificate = ca.issueOcspResponder(publicKey, now.minus(Duration.ofMinutes(5)), VALIDITY);
            return new Current(pair.getPrivate(), new X509CertificateHolder(certificate.getEncoded()), publicKey,
                    certificate.getNotAfter().toInstant());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot make the OCSP responder's key", e);
        }
    }
}

package com.ukeybridge.token.testing;

import com.ukeybridge.token.GeneratedKeyPair;
import com.ukeybridge.token.KeyAlgorithm;
import com.ukeybridge.token.ObjectId;
import com.ukeybridge.token.Token;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Puts a key pair and its certificate on a token through the {@link Token} API, as the agent would. */
public final class TestCertificates {
    private TestCertificates() {
    }

    /** What {@link #provision} left on the token. */
    public record Provisioned(ObjectId id, X509Certificate certificate, TestCa ca) {
    }

    /**
     * Logs in with {@code pin}, generates a key pair labelled like the subject's CN, and stores a
     * certificate for it from a fresh {@link TestCa}, valid until now + {@code validFor}
     * (e.g. 30 days, to make one that is "expiring"; a negative duration makes an expired one).
     */
    public static Provisioned provision(Token token, char[] pin, KeyAlgorithm algorithm, String subject, Duration validFor) {
        return provision(token, pin, algorithm, subject, Instant.now().plus(validFor), TestCa.create());
    }

    public static Provisioned provision(Token token, char[] pin, KeyAlgorithm algorithm, String subject, Instant notAfter, TestCa ca) {
        if (!token.isLoggedIn()) {
            token.login(pin);
        }
        GeneratedKeyPair pair = token.generateKeyPair(algorithm, "key " + subject);
        Instant notBefore = notAfter.isBefore(Instant.now()) ? notAfter.minus(Duration.ofDays(365)) : Instant.now().minusSeconds(3600);
        X509Certificate certificate = ca.issue(pair.publicKey(), subject, notBefore, notAfter);
        ObjectId id = token.storeCertificate(certificate, Optional.empty(), Optional.empty());
        return new Provisioned(id, certificate, ca);
    }
}

package com.ukeybridge.agent.view;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ukeybridge.agent.x509.KeyAlgorithmNames;
import com.ukeybridge.x509.SubjectNames;
import com.ukeybridge.token.StoredCertificate;
import com.ukeybridge.token.TokenInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

import java.io.ByteArrayInputStream;
import java.security.Provider;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/** Renders tokens and certificates as docs/protocol.md's {@code Token} and {@code Certificate} objects. */
public final class TokenViews {
    private static final Logger log = LoggerFactory.getLogger(TokenViews.class);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Provider BC = new BouncyCastleProvider();

    private final Clock clock;
    private final int warnDays;

    public TokenViews(Clock clock, int warnDays) {
        this.clock = clock;
        this.warnDays = warnDays;
    }

    /**
     * The token as {@code connectionLoggedIn} tells one connection to see it, in {@code protocol}'s
     * form: v2 adds the GM keys' fields (each certificate's {@code usage}, the PIN's retry counter).
     */
    public ObjectNode render(TokenSnapshot snapshot, boolean connectionLoggedIn, int protocol) {
        boolean gmFields = protocol >= 2;
        TokenInfo info = snapshot.info();
        ObjectNode token = JSON.objectNode()
                .put("tokenId", snapshot.token().id().value())
                .put("label", info.label())
                .put("manufacturer", info.manufacturer())
                .put("model", info.model())
                .put("serialNumber", info.serialNumber())
                .put("loggedIn", connectionLoggedIn);
        ObjectNode pin = token.putObject("pin")
                .put("minLength", info.minPinLength())
                .put("maxLength", info.maxPinLength())
                .put("countLow", info.pinCountLow())
                .put("finalTry", info.pinFinalTry())
                .put("locked", info.pinLocked());
        if (gmFields) {
            snapshot.pinCounter().ifPresent(counter -> pin.put("retriesLeft", counter.retriesLeft()).put("maxRetries", counter.maxRetries()));
        }
        ArrayNode certificates = token.putArray("certificates");
        Instant now = clock.instant();
        for (StoredCertificate stored : snapshot.certificates()) {
            X509Certificate certificate;
            try {
                certificate = parse(stored.der());
            } catch (CertificateException e) {
                log.warn("skipping certificate object {} on token {}: not X.509 ({})", CertIds.of(stored), snapshot.token().id(), e.getMessage());
                continue;
            }
            ObjectNode view = certificates.addObject()
                    .put("certId", CertIds.of(stored))
                    .put("label", stored.label())
                    .put("subject", SubjectNames.format(certificate.getSubjectX500Principal()))
                    .put("issuer", SubjectNames.format(certificate.getIssuerX500Principal()))
                    .put("serialNumber", certificate.getSerialNumber().toString(16))
                    .put("notBefore", iso(certificate.getNotBefore().toInstant()))
                    .put("notAfter", iso(certificate.getNotAfter().toInstant()))
                    .put("keyAlgorithm", KeyAlgorithmNames.of(certificate.getPublicKey()));
            if (gmFields) {
                view.put("usage", stored.usage().protocolName());
            }
            CertificateStatus status = CertificateStatus.of(certificate.getNotAfter().toInstant(), now, warnDays);
            view.put("status", status.status()).put("daysLeft", status.daysLeft());
            Boolean hasPrivateKey = snapshot.hasPrivateKey(stored.id(), connectionLoggedIn);
            if (hasPrivateKey == null) {
                view.putNull("hasPrivateKey");
            } else {
                view.put("hasPrivateKey", hasPrivateKey);
            }
            view.put("der", Base64.getEncoder().encodeToString(stored.der()));
        }
        return token;
    }

    /**
     * The JDK's parser first (what RSA and P-256 certificates always got); Bouncy Castle's for what
     * the JDK cannot read, SM2 keys above all (the JDK knows no curve sm2p256v1).
     */
    public static X509Certificate parse(byte[] der) throws CertificateException {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException jdk) {
            try {
                return (X509Certificate) CertificateFactory.getInstance("X.509", BC).generateCertificate(new ByteArrayInputStream(der));
            } catch (CertificateException | RuntimeException bc) {
                throw jdk;
            }
        }
    }

    private static String iso(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}

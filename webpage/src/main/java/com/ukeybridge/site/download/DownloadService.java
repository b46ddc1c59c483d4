package com.ukeybridge.site.download;

import com.ukeybridge.site.ca.IssueOrder;
import com.ukeybridge.site.config.DownloadSettings;
import com.ukeybridge.site.issuance.CertificateRequest;
import com.ukeybridge.site.issuance.IssuedCertificate;
import com.ukeybridge.site.issuance.Issuer;
import com.ukeybridge.site.issuance.PublicKeys;
import com.ukeybridge.x509.SubjectNames;
import com.ukeybridge.site.refusal.CodeExpiredException;
import com.ukeybridge.site.refusal.CodeInvalidException;
import com.ukeybridge.site.refusal.CodeLockedException;
import com.ukeybridge.site.refusal.CodeUsedException;
import com.ukeybridge.site.refusal.UnknownIssuanceException;
import com.ukeybridge.site.store.AuditEvent;
import com.ukeybridge.site.store.AuditLog;
import com.ukeybridge.site.store.AuthorizationRecord;
import com.ukeybridge.site.store.AuthorizationRecords;
import com.ukeybridge.site.store.CertificateRecord;
import com.ukeybridge.site.store.CertificateRecords;
import com.ukeybridge.site.store.Database;
import com.ukeybridge.site.store.ProbedReferences;
import com.ukeybridge.site.store.DuplicateKeyException;
import org.bouncycastle.asn1.x500.X500Name;

import javax.security.auth.x500.X500Principal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The download flow (manual 4): the RA makes an authorization (reference number and code);
 * the user's page checks it, has a blank key make a request, and gets the certificate. A code
 * is single use, expires after {@code codeValidDays}, and locks after {@code maxAttempts}
 * wrong tries, each counted in the database (row lock) before the answer is sent.
 */
public final class DownloadService {
    private static final byte[] UNKNOWN_SALT = AuthorizationCode.newSalt();
    private static final byte[] UNKNOWN_HASH = AuthorizationCode.hash(UNKNOWN_SALT, AuthorizationCode.generate());
    private final Database database;
    private final Issuer issuer;
    private final DownloadSettings settings;
    private final Clock clock;

    public DownloadService(Database database, Issuer issuer, DownloadSettings settings, Clock clock) {
        this.database = database;
        this.issuer = issuer;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * For the RA: a new authorization to download a certificate for {@code subject}.
     *
     * @param subject an RFC 4514 distinguished name
     * @throws IllegalArgumentException when {@code subject} is not a distinguished name
     */
    public NewAuthorization authorize(String subject, String actor) {
        X500Principal principal = SubjectNames.parse(subject);
        for (int attempt = 1; ; attempt++) {
            try {
                return database.transaction(c -> {
                    Instant now = now();
                    String code = AuthorizationCode.generate();
                    byte[] salt = AuthorizationCode.newSalt();
                    AuthorizationRecord record = new AuthorizationRecord(ReferenceNumbers.generate(), SubjectNames.format(principal),
                            principal.getEncoded(), salt, AuthorizationCode.hash(salt, code), now,
                            now.plus(Duration.ofDays(settings.codeValidDays())), 0, Optional.empty(), Optional.empty(), Optional.empty());
                    new AuthorizationRecords(c).insert(record);
                    audit(c, now, actor, "AUTHORIZATION_CREATED", record.referenceNumber(), "for " + record.subject()
                            + ", expires " + record.expiresAt());
                    return new NewAuthorization(record.referenceNumber(), code, record.subject(), record.expiresAt());
                });
            } catch (DuplicateKeyException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    /**
     * Check the authorization (manual 4.4, 4.5): what the user must confirm.
     *
     * @throws CodeInvalidException, CodeLockedException, CodeUsedException, CodeExpiredException
     */
    public DownloadOffer check(String referenceNumber, String code, String actor) {
        AuthorizationRecord authorization = verify(referenceNumber, code, actor);
        Optional<IssuedCertificate> pending = Optional.empty();
        if (authorization.issuedCertificateId().isPresent()) {
            if (authorization.completedAt().isPresent()) {
                throw new CodeUsedException();
            }
            pending = Optional.of(database.transaction(c -> IssuedCertificate.of(
                    new CertificateRecords(c).byId(authorization.issuedCertificateId().get()).orElseThrow())));
        } else if (now().isAfter(authorization.expiresAt())) {
            throw new CodeExpiredException();
        }
        return new DownloadOffer(authorization.subject(), settings.validityDays(), PublicKeys.EC_P256, authorization.expiresAt(), pending);
    }

    /**
     * Download (下载): checks the code again (counted likewise), issues for the request's key with
     * the authorized subject and marks the authorization used. A retry with the same key gets the
     * same certificate.
     *
     * @throws CodeInvalidException, CodeLockedException, CodeUsedException, CodeExpiredException,
     *         com.ukeybridge.site.refusal.KeyAlreadyCertifiedException
     */
    public IssuedCertificate issue(String referenceNumber, String code, CertificateRequest request, String actor) {
        verify(referenceNumber, code, actor);
        return database.transactionRetryingDuplicates(c -> {
            Instant now = now();
            AuthorizationRecords authorizations = new AuthorizationRecords(c);
            AuthorizationRecord authorization = authorizations.lock(referenceNumber).orElseThrow();
            if (authorization.usedKeySha256().isPresent()) {
                if (authorization.usedKeySha256().get().equals(request.publicKeySha256())) {
                    return IssuedCertificate.of(new CertificateRecords(c).byId(authorization.issuedCertificateId().orElseThrow()).orElseThrow());
                }
                throw new CodeUsedException();
            }
            if (now.isAfter(authorization.expiresAt())) {
                throw new CodeExpiredException();
            }
            IssueOrder order = new IssueOrder(X500Name.getInstance(authorization.subjectDer()), request.publicKey(), now,
                    settings.validityDays());
            Issuer.Outcome outcome = issuer.issue(c, order, CertificateRecord.Flow.DOWNLOAD, referenceNumber, now);
            authorizations.recordIssued(referenceNumber, request.publicKeySha256(), outcome.certificate().id());
            audit(c, now, actor, "CERTIFICATE_ISSUED", referenceNumber, "serial " + outcome.certificate().serialNumber()
                    + " for " + outcome.certificate().subject() + ", download");
            return IssuedCertificate.of(outcome.certificate());
        });
    }

    /**
     * Records that the certificate is on the key. Idempotent.
     *
     * @throws UnknownIssuanceException when the authorization did not issue {@code serialNumber}
     */
    public void complete(String referenceNumber, String serialNumber, String actor) {
        database.transaction(c -> {
            Instant now = now();
            AuthorizationRecords authorizations = new AuthorizationRecords(c);
            AuthorizationRecord authorization = authorizations.lock(referenceNumber).orElseThrow(UnknownIssuanceException::new);
            Optional<CertificateRecord> issued = authorization.issuedCertificateId().isPresent()
                    ? new CertificateRecords(c).byId(authorization.issuedCertificateId().get()) : Optional.empty();
            if (issued.isEmpty() || !issued.get().serialNumber().equals(serialNumber)) {
                throw new UnknownIssuanceException();
            }
            if (authorizations.complete(referenceNumber, now)) {
                audit(c, now, actor, "DOWNLOAD_COMPLETED", referenceNumber, "serial " + serialNumber + " written");
            }
            return null;
        });
    }

    /**
     * Tries the code: one transaction that counts a wrong try, committed before any refusal is
     * thrown. A reference number that does not exist is counted (and locks) like a real one with a
     * wrong code, after the same work, so that its answer is the same.
     */
    private AuthorizationRecord verify(String referenceNumber, String code, String actor) {
        CodeVerdict verdict = database.transactionRetryingDuplicates(c -> {
            Instant now = now();
            AuthorizationRecords authorizations = new AuthorizationRecords(c);
            Optional<AuthorizationRecord> found = authorizations.lock(referenceNumber);
            if (found.isEmpty()) {
                AuthorizationCode.matches(UNKNOWN_SALT, UNKNOWN_HASH, code);
                ProbedReferences probed = new ProbedReferences(c);
                if (probed.failures(referenceNumber) >= settings.maxAttempts()) {
                    audit(c, now, actor, "CODE_REJECTED", referenceNumber, "unknown reference number, locked");
                    return new CodeVerdict.Locked();
                }
                int failures = probed.countFailure(referenceNumber, now);
                audit(c, now, actor, "CODE_REJECTED", referenceNumber, "unknown reference number, try " + failures);
                return verdict(failures);
            }
            AuthorizationRecord authorization = found.get();
            if (authorization.failedAttempts() >= settings.maxAttempts()) {
                audit(c, now, actor, "CODE_REJECTED", referenceNumber, "locked");
                return new CodeVerdict.Locked();
            }
            if (!AuthorizationCode.matches(authorization.codeSalt(), authorization.codeHash(), code)) {
                int failures = authorizations.countFailure(referenceNumber);
                audit(c, now, actor, failures >= settings.maxAttempts() ? "AUTHORIZATION_LOCKED" : "CODE_REJECTED", referenceNumber,
                        "wrong code, try " + failures + " of " + settings.maxAttempts());
                return verdict(failures);
            }
            return new CodeVerdict.Accepted(authorization);
        });
        if (verdict instanceof CodeVerdict.Accepted accepted) {
            return accepted.authorization();
        }
        if (verdict instanceof CodeVerdict.Wrong wrong) {
            throw new CodeInvalidException(wrong.attemptsLeft());
        }
        throw new CodeLockedException();
    }

    private CodeVerdict verdict(int failures) {
        return failures >= settings.maxAttempts() ? new CodeVerdict.Locked() : new CodeVerdict.Wrong(settings.maxAttempts() - failures);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private static void audit(Connection c, Instant now, String actor, String action, String target, String detail) throws SQLException {
        new AuditLog(c).record(new AuditEvent(now, actor, action, target, detail));
    }
}

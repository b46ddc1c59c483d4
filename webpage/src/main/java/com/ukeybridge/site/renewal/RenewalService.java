package com.ukeybridge.site.renewal;

import com.ukeybridge.site.ca.IssueOrder;
import com.ukeybridge.site.config.RenewalSettings;
import com.ukeybridge.site.config.SiteOrigin;
import com.ukeybridge.site.issuance.CertificateRequest;
import com.ukeybridge.site.issuance.IssuedCertificate;
import com.ukeybridge.site.issuance.Issuer;
import com.ukeybridge.site.issuance.KnownCertificates;
import com.ukeybridge.site.issuance.PublicKeys;
import com.ukeybridge.site.refusal.CertificateAlreadyRenewedException;
import com.ukeybridge.site.refusal.CertificateRevokedException;
import com.ukeybridge.site.refusal.ChallengeExpiredException;
import com.ukeybridge.site.refusal.CsrReusesOldKeyException;
import com.ukeybridge.site.refusal.RenewalBoundToKeyException;
import com.ukeybridge.site.refusal.UnknownCertificateException;
import com.ukeybridge.site.refusal.UnknownIssuanceException;
import com.ukeybridge.site.refusal.UnknownRenewalException;
import com.ukeybridge.site.store.AuditEvent;
import com.ukeybridge.site.store.AuditLog;
import com.ukeybridge.site.store.CertificateRecord;
import com.ukeybridge.site.store.CertificateRecords;
import com.ukeybridge.site.store.Database;
import com.ukeybridge.site.store.RenewalRecord;
import com.ukeybridge.site.store.RenewalRecords;
import com.ukeybridge.site.store.RevocationReason;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

import java.io.ByteArrayInputStream;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The renewal flow (design.md): choose the certificate → challenge and profile; proof of
 * possession and request → the new certificate, idempotent per key; completion. Every state
 * change is one transaction, with its audit event; the renewal row is locked while it is
 * answered, so concurrent requests (on any instance) see each other's result.
 */
public final class RenewalService {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database database;
    private final Issuer issuer;
    private final RenewalSettings settings;
    private final RenewalWindow window;
    private final Clock clock;

    public RenewalService(Database database, Issuer issuer, RenewalSettings settings, Clock clock) {
        this.database = database;
        this.issuer = issuer;
        this.settings = settings;
        this.window = new RenewalWindow(settings.daysBefore(), settings.daysAfter());
        this.clock = clock;
    }

    /**
     * Choose the certificate (选择证书). A certificate has one renewal, ever: the first start makes
     * it (a unique constraint settles concurrent starts, on any instance), every later start
     * gives it a fresh challenge; once it issued a certificate, that certificate comes back as
     * {@code pending} and no other key can be certified for it. The window is checked at every start.
     *
     * @param certificateDer the old certificate, DER (already checked to parse at the edge)
     * @throws UnknownCertificateException, CertificateRevokedException, CertificateAlreadyRenewedException,
     *         com.ukeybridge.site.refusal.OutsideRenewalWindowException
     */
    public RenewalOffer start(byte[] certificateDer, String actor) {
        return database.transactionRetryingDuplicates(c -> {
            Instant now = now();
            CertificateRecords certificates = new CertificateRecords(c);
            CertificateRecord old = certificates.byFingerprint(KnownCertificates.fingerprint(certificateDer))
                    .orElseThrow(UnknownCertificateException::new);
            RenewalRecords renewals = new RenewalRecords(c);
            List<RenewalRecord> earlier = renewals.ofCertificate(old.id());
            for (RenewalRecord r : earlier) {
                if (r.completedAt().isPresent() && r.issuedCertificateId().isPresent()) {
                    throw new CertificateAlreadyRenewedException(certificates.byId(r.issuedCertificateId().get()).orElseThrow().serialNumber());
                }
            }
            // Rows from before the one-renewal rule may be several: the one that issued, else the newest.
            Optional<RenewalRecord> existing = earlier.stream().filter(r -> r.issuedCertificateId().isPresent()).findFirst()
                    .or(() -> earlier.stream().findFirst());
            if (old.revoked() && !supersededBy(old, existing)) {
                throw new CertificateRevokedException();
            }
            RenewalWindow.Dates dates = window.of(old.notAfter());
            window.check(old.notAfter(), now);
            Challenge challenge = Challenge.fresh(clock, settings.challengeLifetime());
            String id;
            Optional<IssuedCertificate> pendingCertificate = Optional.empty();
            if (existing.isPresent()) {
                id = existing.get().id();
                renewals.renewChallenge(id, challenge.bytes(), challenge.expiresAt());
                if (existing.get().issuedCertificateId().isPresent()) {
                    pendingCertificate = Optional.of(IssuedCertificate.of(certificates.byId(existing.get().issuedCertificateId().get()).orElseThrow()));
                    audit(c, now, actor, "RENEWAL_RESUMED", id, "certificate " + old.serialNumber() + ", pending " + pendingCertificate.get().serialNumber());
                } else {
                    audit(c, now, actor, "RENEWAL_RESTARTED", id, "certificate " + old.serialNumber() + ", new challenge");
                }
            } else {
                id = newId();
                renewals.insert(id, old.id(), challenge.bytes(), challenge.expiresAt(), now);
                audit(c, now, actor, "RENEWAL_STARTED", id, "certificate " + old.serialNumber() + " " + old.subject());
            }
            PublicKey oldKey = parse(old.der()).getPublicKey();
            String keyAlgorithm = PublicKeys.supportedAlgorithm(SubjectPublicKeyInfo.getInstance(oldKey.getEncoded()))
                    .orElse(PublicKeys.EC_P256);
            return new RenewalOffer(id, challenge, ProofOfPossession.algorithmFor(oldKey),
                    new CertificateProfile(old.subject(), settings.validityDays(), keyAlgorithm), dates, pendingCertificate);
        });
    }

    /**
     * Issue (更新): verifies the proof of possession (the old key's signature over the renewal's
     * challenge, bound to this site's origin and to the request's key), refuses the old key, and
     * issues with the subject of the old certificate. The same request key gets the same
     * certificate back, however often it asks.
     *
     * @param proof   the old key's v2 proof ({@code proveKey} with binding SHA-256 of the request's SubjectPublicKeyInfo)
     * @param origins the origins this site answers for ({@code siteOrigin}; never a value from the request)
     * @throws UnknownRenewalException, CertificateRevokedException, com.ukeybridge.site.refusal.ProofInvalidException,
     *         CsrReusesOldKeyException, RenewalBoundToKeyException, ChallengeExpiredException,
     *         com.ukeybridge.site.refusal.KeyAlreadyCertifiedException
     */
    public IssuedCertificate issue(String renewalId, byte[] proof, CertificateRequest request, List<SiteOrigin> origins, String actor) {
        return database.transactionRetryingDuplicates(c -> {
            Instant now = now();
            RenewalRecords renewals = new RenewalRecords(c);
            RenewalRecord renewal = renewals.lock(renewalId).orElseThrow(UnknownRenewalException::new);
            CertificateRecords certificates = new CertificateRecords(c);
            CertificateRecord old = certificates.byId(renewal.certificateId()).orElseThrow();
            if (old.revoked() && !supersededBy(old, Optional.of(renewal))) {
                throw new CertificateRevokedException();
            }
            ProofOfPossession.verify(parse(old.der()).getPublicKey(), origins, renewal.challenge(),
                    HexFormat.of().parseHex(request.publicKeySha256()), proof);
            if (request.publicKeySha256().equals(old.publicKeySha256())) {
                throw new CsrReusesOldKeyException();
            }
            if (renewal.answeredKeySha256().isPresent()) {
                if (renewal.answeredKeySha256().get().equals(request.publicKeySha256()) && renewal.issuedCertificateId().isPresent()) {
                    return IssuedCertificate.of(certificates.byId(renewal.issuedCertificateId().get()).orElseThrow());
                }
                throw new RenewalBoundToKeyException();
            }
            if (now.isAfter(renewal.challengeExpiresAt())) {
                throw new ChallengeExpiredException();
            }
            IssueOrder order = new IssueOrder(X500Name.getInstance(old.subjectDer()), request.publicKey(), now, settings.validityDays());
            Issuer.Outcome outcome = issuer.issue(c, order, CertificateRecord.Flow.RENEWAL, renewalId, now);
            renewals.recordIssued(renewalId, request.publicKeySha256(), outcome.certificate().id());
            if (outcome.fresh()) {
                audit(c, now, actor, "CERTIFICATE_ISSUED", renewalId, "serial " + outcome.certificate().serialNumber()
                        + " for " + outcome.certificate().subject() + ", renewing " + old.serialNumber());
            }
            return IssuedCertificate.of(outcome.certificate());
        });
    }

    /**
     * Records that the agent wrote the certificate ({@code writeCert} succeeded). Idempotent.
     *
     * @throws UnknownRenewalException, UnknownIssuanceException (not the serial this renewal issued)
     */
    public void complete(String renewalId, String serialNumber, String actor) {
        database.transaction(c -> {
            Instant now = now();
            RenewalRecords renewals = new RenewalRecords(c);
            RenewalRecord renewal = renewals.lock(renewalId).orElseThrow(UnknownRenewalException::new);
            CertificateRecord issued = renewal.issuedCertificateId()
                    .flatMap(id -> uncheck(() -> new CertificateRecords(c).byId(id)))
                    .filter(r -> r.serialNumber().equals(serialNumber))
                    .orElseThrow(UnknownIssuanceException::new);
            if (renewals.complete(renewalId, now)) {
                // Revoke first: the audit log's head is always the last lock a transaction takes (no deadlock with ra revoke).
                supersede(c, renewal, now, actor, "new certificate " + issued.serialNumber() + " written");
                audit(c, now, actor, "RENEWAL_COMPLETED", renewalId, "serial " + issued.serialNumber() + " written");
            }
            return null;
        });
    }

    /**
     * Revokes, as superseded, the old certificates of renewals that issued more than
     * {@code supersedeGrace} ago and never heard the new certificate was written (the page
     * closed after {@code writeCert}). Nothing when {@code revokeSuperseded} is off.
     *
     * @return how many it revoked
     */
    public int supersedeOverdue() {
        if (!settings.revokeSuperseded()) {
            return 0;
        }
        return database.transaction(c -> {
            Instant now = now();
            int revoked = 0;
            for (RenewalRecord renewal : new RenewalRecords(c).unconfirmedIssuedBefore(now.minus(settings.supersedeGrace()))) {
                revoked += supersede(c, renewal, now, "site", "new certificate issued, not confirmed within " + settings.supersedeGrace()) ? 1 : 0;
            }
            return revoked;
        });
    }

    private boolean supersede(Connection c, RenewalRecord renewal, Instant now, String actor, String why) throws SQLException {
        if (!settings.revokeSuperseded()) {
            return false;
        }
        CertificateRecords certificates = new CertificateRecords(c);
        if (!certificates.revoke(renewal.certificateId(), now, RevocationReason.SUPERSEDED)) {
            return false;
        }
        CertificateRecord old = certificates.byId(renewal.certificateId()).orElseThrow();
        audit(c, now, actor, "CERTIFICATE_SUPERSEDED", renewal.id(), "serial " + old.serialNumber() + " revoked (superseded): " + why);
        return true;
    }

    /** Revoked as superseded by this very renewal's certificate: the user may still fetch and write that one. */
    private static boolean supersededBy(CertificateRecord old, Optional<RenewalRecord> renewal) {
        return old.revocationReason().equals(Optional.of(RevocationReason.SUPERSEDED))
                && renewal.flatMap(RenewalRecord::issuedCertificateId).isPresent();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private static String newId() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return "r-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void audit(Connection c, Instant now, String actor, String action, String target, String detail) throws SQLException {
        new AuditLog(c).record(new AuditEvent(now, actor, action, target, detail));
    }

    private static java.security.cert.X509Certificate parse(byte[] der) {
        try {
            return (java.security.cert.X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new IllegalStateException("a recorded certificate does not parse", e);
        }
    }

    private interface SqlSupplier<T> {
        T get() throws SQLException;
    }

    private static <T> T uncheck(SqlSupplier<T> supplier) {
        try {
            return supplier.get();
        } catch (SQLException e) {
            throw new com.ukeybridge.site.store.StoreException(e);
        }
    }
}

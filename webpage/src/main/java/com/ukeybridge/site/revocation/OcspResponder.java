package com.ukeybridge.site.revocation;

import com.ukeybridge.site.ca.CertificateAuthority;
import com.ukeybridge.site.ca.Signatures;
import com.ukeybridge.site.renewal.RenewalService;
import com.ukeybridge.site.store.CertificateRecord;
import com.ukeybridge.site.store.CertificateRecords;
import com.ukeybridge.site.store.Database;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Optional;

/**
 * The OCSP responder at {@code POST {basePath}ocsp} (RFC 6960): for each certificate asked
 * about, good (issued by this CA, not revoked), revoked (time and reason) or unknown (not
 * issued by this CA, or not known); signed by a delegated responder whose certificate the CA
 * issued ({@link OcspSigningKey}, sent with the answer), named by key hash; the request's nonce echoed. A request that does not parse gets {@code malformedRequest}.
 */
public final class OcspResponder {
    private static final Logger LOG = LoggerFactory.getLogger(OcspResponder.class);
    /** How long an answer may be relied on (its nextUpdate). */
    public static final Duration VALIDITY = Duration.ofHours(1);
    /** More certificates in one request than a client needs are refused as malformed. */
    static final int MAX_REQUESTS = 20;

    private final Database database;
    private final RenewalService renewals;
    private final Clock clock;
    private final X509CertificateHolder caHolder;
    private final DigestCalculatorProvider digests;
    private final CrlPublisher crl;
    private final OcspSigningKey signingKey;

    public OcspResponder(Database database, CertificateAuthority ca, RenewalService renewals, CrlPublisher crl, Clock clock) {
        this.database = database;
        this.renewals = renewals;
        this.crl = crl;
        this.clock = clock;
        this.signingKey = new OcspSigningKey(ca, clock);
        try {
            this.caHolder = new X509CertificateHolder(ca.certificate().getEncoded());
            this.digests = new JcaDigestCalculatorProviderBuilder().setProvider(Signatures.PROVIDER).build();
        } catch (IOException | CertificateEncodingException | OperatorCreationException e) {
            throw new IllegalStateException("cannot set up the OCSP responder", e);
        }
    }

    /** @param request a DER OCSPRequest; @return a DER OCSPResponse */
    public byte[] answer(byte[] request) {
        try {
            OCSPReq ocspRequest;
            try {
                ocspRequest = new OCSPReq(request);
            } catch (IOException | RuntimeException e) {
                return status(OCSPRespBuilder.MALFORMED_REQUEST);
            }
            Req[] asked = ocspRequest.getRequestList();
            if (asked.length == 0 || asked.length > MAX_REQUESTS) {
                return status(OCSPRespBuilder.MALFORMED_REQUEST);
            }
            renewals.supersedeOverdue();
            Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            OcspSigningKey.Current responder = signingKey.current();
            BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(new RespID(responder.publicKey(), digests.get(CertificateID.HASH_SHA1)));
            for (Req one : asked) {
                builder.addResponse(one.getCertID(), statusOf(one.getCertID()), Date.from(now), Date.from(now.plus(VALIDITY)), null);
            }
            Extension nonce = ocspRequest.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            if (nonce != null) {
                builder.setResponseExtensions(new Extensions(nonce));
            }
            BasicOCSPResp basic = builder.build(responder.signer(), new X509CertificateHolder[]{responder.certificate()}, Date.from(now));
            return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
        } catch (OCSPException | OperatorCreationException | IOException e) {
            LOG.error("OCSP answer failed", e);
            return status(OCSPRespBuilder.INTERNAL_ERROR);
        }
    }

    private CertificateStatus statusOf(CertificateID id) throws OCSPException {
        if (!id.matchesIssuer(caHolder, digests)) {
            return new UnknownStatus();
        }
        String serial = id.getSerialNumber().toString(16);
        Optional<CertificateRecord> record = database.transaction(c -> new CertificateRecords(c).bySerialNumber(serial))
                .stream().filter(crl::issuedByThisCa).findFirst();
        if (record.isEmpty()) {
            return new UnknownStatus();
        }
        if (record.get().revoked()) {
            return new RevokedStatus(Date.from(record.get().revokedAt().orElseThrow()), record.get().revocationReason().orElseThrow().code());
        }
        return CertificateStatus.GOOD;
    }

    private static byte[] status(int status) {
        try {
            return new OCSPRespBuilder().build(status, null).getEncoded();
        } catch (OCSPException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

}

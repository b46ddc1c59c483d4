package com.ukeybridge.site.api;

import com.ukeybridge.site.store.CertificateRecord;
import com.ukeybridge.site.store.RevocationReason;
import com.ukeybridge.site.testing.ApiClient.Answer;
import com.ukeybridge.site.testing.SiteFixture;
import com.ukeybridge.site.testing.SiteFixture.OldCertificate;
import com.ukeybridge.site.testing.TestDatabases;
import com.ukeybridge.site.testing.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The renewal rules through the real HTTP API (docs/site-api.md, "Renewal"). */
class RenewalApiTest {
    private static SiteFixture fixture;

    @BeforeAll
    static void startSite() {
        fixture = new SiteFixture(TestDatabases.h2());
    }

    @AfterAll
    static void stopSite() {
        fixture.close();
    }

    @BeforeEach
    void resetClock() {
        fixture.clock.set(SiteFixture.START);
    }

    private static Instant now() {
        return fixture.clock.instant();
    }

    @Test
    void whenNotAfterIs90DaysAhead_thenTheRenewalStarts() {
        Answer offer = fixture.startRenewal(fixture.importedCertificate(now().plus(Duration.ofDays(90))));

        assertThat(offer.status()).isEqualTo(200);
        assertThat(offer.body().get("renewalId").asText()).startsWith("r-");
        assertThat(SiteFixture.unb64(offer.body().get("challenge").asText())).hasSize(32);
        assertThat(Instant.parse(offer.body().get("expiresAt").asText())).isEqualTo(now().plus(Duration.ofMinutes(5)));
        assertThat(offer.body().get("proofAlgorithm").asText()).isEqualTo("SHA256withECDSA");
        assertThat(offer.body().at("/profile/validityDays").asInt()).isEqualTo(1820);
        assertThat(offer.body().at("/profile/keyAlgorithm").asText()).isEqualTo("EC-P256");
        assertThat(offer.body().get("pending").isNull()).isTrue();
    }

    @Test
    void whenNotAfterIs91DaysAhead_thenOutsideTheWindowWithItsDates() {
        Instant notAfter = now().plus(Duration.ofDays(91));
        Answer refusal = fixture.startRenewal(fixture.importedCertificate(notAfter));

        assertThat(refusal.status()).isEqualTo(409);
        assertThat(refusal.reason()).isEqualTo("OUTSIDE_RENEWAL_WINDOW");
        assertThat(refusal.body().at("/details/notAfter").asText()).isEqualTo(notAfter.toString());
        assertThat(refusal.body().at("/details/windowStart").asText()).isEqualTo(notAfter.minus(Duration.ofDays(90)).toString());
        assertThat(refusal.body().at("/details/windowEnd").asText()).isEqualTo(notAfter.plus(Duration.ofDays(300)).toString());
        assertThat(refusal.body().at("/message/zh").asText()).contains("不在更新期内").contains("2027年5月31日");
        assertThat(refusal.body().at("/message/en").asText()).contains("2027-05-31");
    }

    @Test
    void whenNotAfterWas300DaysAgo_thenTheRenewalStarts() {
        assertThat(fixture.startRenewal(fixture.importedCertificate(now().minus(Duration.ofDays(300)))).status()).isEqualTo(200);
    }

    @Test
    void whenNotAfterWas301DaysAgo_thenOutsideTheWindow() {
        Answer refusal = fixture.startRenewal(fixture.importedCertificate(now().minus(Duration.ofDays(301))));

        assertThat(refusal.status()).isEqualTo(409);
        assertThat(refusal.reason()).isEqualTo("OUTSIDE_RENEWAL_WINDOW");
        assertThat(refusal.body().at("/message/zh").asText()).contains("已超过更新期限");
    }

    @Test
    void whenTheCertificateIsUnknown_then404() {
        Answer refusal = fixture.startRenewal(fixture.oldCertificate(now().plus(Duration.ofDays(30))));

        assertThat(refusal.status()).isEqualTo(404);
        assertThat(refusal.reason()).isEqualTo("UNKNOWN_CERTIFICATE");
        assertThat(refusal.body().at("/message/zh").asText()).isNotBlank();
    }

    @Test
    void whenTheCertificateIsRevoked_then409() {
        OldCertificate old = fixture.importedCertificate(now().plus(Duration.ofDays(30)));
        fixture.site.ra().revoke(old.certificate().getSerialNumber().toString(16), RevocationReason.KEY_COMPROMISE, "test");

        Answer refusal = fixture.startRenewal(old);

        assertThat(refusal.status()).isEqualTo(409);
        assertThat(refusal.reason()).isEqualTo("CERTIFICATE_REVOKED");
    }

    @Test
    void whenProvenAndRequested_thenIssuedWithTheRecordedSubjectAndCompleted() throws Exception {
        OldCertificate old = fixture.importedCertificate(now().plus(Duration.ofDays(30)));
        KeyPair newKeys = TestKeys.ec();
        Answer offer = fixture.startRenewal(old);

        Answer issued = fixture.issueRenewal(offer, old, newKeys);

        assertThat(issued.status()).isEqualTo(200);
        X509Certificate certificate = parse(issued.body().get("certificate").asText());
        assertThat(certificate.getSubjectX500Principal().getEncoded()).isEqualTo(old.certificate().getSubjectX500Principal().getEncoded());
        assertThat(certificate.getPublicKey()).isEqualTo(newKeys.getPublic());
        certificate.verify(fixture.site.ca().certificate().getPublicKey());
        assertThat(Duration.between(certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant()).toDays()).isEqualTo(1820);
        assertThat(certificate.getNotBefore().toInstant()).isEqualTo(now());
        assertThat(issued.body().get("serialNumber").asText()).isEqualTo(certificate.getSerialNumber().toString(16));
        assertThat(issued.body().get("subject").asText()).isEqualTo(offer.body().at("/profile/subject").asText()).startsWith("CN=张三");
        assertThat(issued.body().get("validityDays").asInt()).isEqualTo(1820);

        Answer completion = fixture.api.post("api/renewals/" + offer.body().get("renewalId").asText() + "/completion",
                Map.of("serialNumber", issued.body().get("serialNumber").asText()));
        assertThat(completion.status()).isEqualTo(200);
        assertThat(completion.body().get("completed").asBoolean()).isTrue();

        Answer again = fixture.startRenewal(old);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.reason()).isEqualTo("CERTIFICATE_ALREADY_RENEWED");
        assertThat(again.body().at("/details/serialNumber").asText()).isEqualTo(issued.body().get("serialNumber").asText());
    }

    @Test
    void whenTheProofIsSignedByAnotherKey_thenProofInvalidAndNothingIssued() {
        OldCertificate old = fixture.importedCertificate(now().plus(Duration.ofDays(30)));
        OldCertificate impostor = new OldCertificate(TestKeys.ec(), old.certificate());
        long before = fixture.count("SELECT COUNT(*) FROM certificates");

        Answer refusal = fixture.issueRenewal(fixture.startRenewal(old), impostor, TestKeys.ec());

        assertThat(refusal.status()).isEqualTo(403);
        assertThat(refusal.reason()).isEqualTo("PROOF_INVALID");
        assertThat(fixture.count("SELECT COUNT(*) FROM certificates")).isEqualTo(before);
    }

    @Test
    void whenTheRequestIsForTheOldKey_thenRefused() {
        OldCertificate old = fixture.importedCertificate(now().plus(Duration.ofDays(30)));

        Answer refusal = fixture.issueRenewal(fixture.startRenewal(old), old, old.keys());

        assertThat(refusal.status()).isEqualTo(409);
        assertThat(refusal.reason()).isEqualTo("CSR_REUSES_OLD_KEY");
    }

    @Test
    void whenTheRequestsSignatureDoesNotVerify_thenCsrInvalid() {
        OldCertificate old = fixture.importedCertificate(now().plus(Duration.ofDays(30)));
        Answer offer = fixture.startRenewal(old);
        byte[] forged = TestKeys.csr(TestKeys.ec().getPublic(), TestKeys.ec().getPrivate(), "CN=x");
        byte[] proof = TestKeys.proveKey(old.keys().getPrivate(), fixture.origin(), SiteFixture.unb64(offer.body().get("challenge").asText()), forged);

        Answer refusal = fixture.api.post("api/renewals/" + offer.body().get("renewalId").asText() + "/certificate",
                Map.of("proof", SiteFixture.b64(proof), "csr", SiteFixture.b64(forged)));

        assertThat(refusal.status()).isEqualTo(400);
        assertThat(refusal.reason()).isEqualTo("CSR_INVALID");
    }

    @Test
    void whenTheRequestIsForAnUnsupportedKey_thenUnsupportedKey() {
        OldCertificate old = fixture.importedCertificate(now().plus(Duration.ofDays(30)));

        Answer refusal = fixture.issueRenewal(fixture.startRenewal(old), old, TestKeys.rsa(1024));

        assertThat(refusal.status()).isEqualTo(400);
        assertThat(refusal.reason()).isEqualTo("UNSUPPORTED_KEY");
        assertThat(refusal.body().at("/details/supported").toString()).contains("RSA-2048", "EC-P256");
    }

    @Test
    void whenTheChallengeIsReplayedForAnotherKey_thenBoundToTheFirstKey() {
        OldCertificate old = fixture.importedCertificate(now().plus(Duration.ofDays(30)));
        Answer offer = fixture.startRenewal(old);
        assertThat(fixture.issueRenewal(offer, old, TestKeys.ec()).status()).isEqualTo(200);

        Answer replay = fixture.issueRenewal(offer, old, TestKeys.ec());

        assertThat(replay.status()).isEqualTo(409);
        assertThat(replay.reason()).isEqualTo("RENEWAL_BOUND_TO_KEY");
    }

    @Test
    void whenTheChallengeIsOlderThanFiveMinutes_thenChallengeExpired() {
        OldCertificate old = fixture.importedCertificate(now().plus(Duration.ofDays(30)));
        Answer offer = fixture.startRenewal(old);
        fixture.clock.advance(Duration.ofMinutes(5).plusSeconds(1));

        Answer refusal = fixture.issueRenewal(offer, old, TestKeys.ec());

        assertThat(refusal.status()).isEqualTo(410);
        assertThat(refusal.reason()).isEqualTo("CHALLENGE_EXPIRED");
    }

    @Test
    void whenTheChallengeIsExactlyFiveMinutesOld_thenStillAccepted() {
        OldCertificate old = fixture.importedCertificate(now().plus(Duration.ofDays(30)));
        Answer offer = fixture.startRenewal(old);
        fixture.clock.advance(Duration.ofMinutes(5));

        assertThat(fixture.issueRenewal(offer, old, TestKeys.ec()).status()).isEqualTo(200);
    }

    @Test
    void whenTheSameKeyAsksTwice_thenTheSameCertificateAndOneRow() {
        OldCertificate old = fixture.importedCertificate(now().plus(Duration.ofDays(30)));
        KeyPair newKeys = TestKeys.ec();
        Answer offer = fixture.startRenewal(old);

        Answer first = fixture.issueRenewal(offer, old, newKeys);
        fixture.clock.advance(Duration.ofMinutes(30));
        Answer retry = fixture.issueRenewal(offer, old, newKeys);

        assertThat(first.status()).as(first.body().toString()).isEqualTo(200);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.body().get("serialNumber").asText()).isEqualTo(first.body().get("serialNumber").asText());
        assertThat(retry.body().get("certificate").asText()).isEqualTo(first.body().get("certificate").asText());
        assertThat(fixture.count("SELECT COUNT(*) FROM certificates WHERE serial_number = '"
                + first.body().get("serialNumber").asText() + "' OR flow_ref = '" + offer.body().get("renewalId").asText() + "'")).isEqualTo(1);
    }

    @Test
    void whenAKeyCertifiedForOneRenewalIsOfferedToAnother_thenKeyAlreadyCertified() {
        OldCertificate first = fixture.importedCertificate(now().plus(Duration.ofDays(30)));
        OldCertificate second = fixture.importedCertificate(now().plus(Duration.ofDays(30)));
        KeyPair newKeys = TestKeys.ec();
        assertThat(fixture.issueRenewal(fixture.startRenewal(first), first, newKeys).status()).isEqualTo(200);

        Answer refusal = fixture.issueRenewal(fixture.startRenewal(second), second, newKeys);

        assertThat(refusal.status()).isEqualTo(409);
        assertThat(refusal.reason()).isEqualTo("KEY_ALREADY_CERTIFIED");
    }

    @Test
    void whenIssuedButNeverCompleted_thenTheNextStartReturnsItAsPending() {
        OldCertificate old = fixture.importedCertificate(now().minus(Duration.ofDays(290)));
        KeyPair newKeys = TestKeys.ec();
        Answer offer = fixture.startRenewal(old);
        Answer issued = fixture.issueRenewal(offer, old, newKeys);
        fixture.clock.advance(Duration.ofDays(3));

        Answer resumed = fixture.startRenewal(old);

        assertThat(resumed.status()).isEqualTo(200);
        assertThat(resumed.body().get("renewalId").asText()).isEqualTo(offer.body().get("renewalId").asText());
        assertThat(resumed.body().at("/pending/serialNumber").asText()).isEqualTo(issued.body().get("serialNumber").asText());
        assertThat(resumed.body().at("/pending/certificate").asText()).isEqualTo(issued.body().get("certificate").asText());
        assertThat(resumed.body().get("challenge").asText()).isNotEqualTo(offer.body().get("challenge").asText());
        assertThat(fixture.issueRenewal(resumed, old, newKeys).body().get("serialNumber").asText())
                .isEqualTo(issued.body().get("serialNumber").asText());

        Answer completion = fixture.api.post("api/renewals/" + resumed.body().get("renewalId").asText() + "/completion",
                Map.of("serialNumber", resumed.body().at("/pending/serialNumber").asText()));
        assertThat(completion.status()).isEqualTo(200);
        assertThat(fixture.startRenewal(old).reason()).isEqualTo("CERTIFICATE_ALREADY_RENEWED");
    }

    @Test
    void whenAPendingRenewalIsResumedAfterTheWindow_thenOutsideTheWindow() {
        OldCertificate old = fixture.importedCertificate(now().minus(Duration.ofDays(299)));
        fixture.issueRenewal(fixture.startRenewal(old), old, TestKeys.ec());
        fixture.clock.advance(Duration.ofDays(2));

        Answer resumed = fixture.startRenewal(old);

        assertThat(resumed.status()).isEqualTo(409);
        assertThat(resumed.reason()).isEqualTo("OUTSIDE_RENEWAL_WINDOW");
    }

    @Test
    void whenThePendingKeyIsLost_thenAnotherKeyIsRefusedAndNothingIssued() {
        OldCertificate old = fixture.importedCertificate(now().plus(Duration.ofDays(10)));
        Answer offer = fixture.startRenewal(old);
        String first = fixture.issueRenewal(offer, old, TestKeys.ec()).body().get("serialNumber").asText();
        long certificates = fixture.count("SELECT COUNT(*) FROM certificates");

        Answer resumed = fixture.startRenewal(old);
        Answer other = fixture.issueRenewal(resumed, old, TestKeys.ec());

        assertThat(other.status()).isEqualTo(409);
        assertThat(other.reason()).isEqualTo("RENEWAL_BOUND_TO_KEY");
        assertThat(fixture.count("SELECT COUNT(*) FROM certificates")).isEqualTo(certificates);
        assertThat(fixture.startRenewal(old).body().at("/pending/serialNumber").asText()).isEqualTo(first);
    }

    @Test
    void whenTheRenewalIsCompleted_thenTheOldCertificateIsRevokedAsSuperseded() {
        OldCertificate old = fixture.importedCertificate(now().plus(Duration.ofDays(10)));
        Answer offer = fixture.startRenewal(old);
        Answer issued = fixture.issueRenewal(offer, old, TestKeys.ec());

        fixture.api.post("api/renewals/" + offer.body().get("renewalId").asText() + "/completion",
                Map.of("serialNumber", issued.body().get("serialNumber").asText()));

        CertificateRecord record = fixture.site.ra().certificates().stream()
                .filter(c -> c.serialNumber().equals(old.certificate().getSerialNumber().toString(16))).findFirst().orElseThrow();
        assertThat(record.revocationReason()).contains(RevocationReason.SUPERSEDED);
        assertThat(record.revokedAt()).contains(now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    @Test
    void whenCompletionNamesAnotherSerial_thenUnknownIssuance() {
        OldCertificate old = fixture.importedCertificate(now().plus(Duration.ofDays(30)));
        Answer offer = fixture.startRenewal(old);
        fixture.issueRenewal(offer, old, TestKeys.ec());

        Answer refusal = fixture.api.post("api/renewals/" + offer.body().get("renewalId").asText() + "/completion",
                Map.of("serialNumber", "abcdef"));

        assertThat(refusal.status()).isEqualTo(404);
        assertThat(refusal.reason()).isEqualTo("UNKNOWN_ISSUANCE");
    }

    @Test
    void whenTheRenewalIdIsUnknown_then404() {
        Answer refusal = fixture.api.post("api/renewals/r-nosuchrenewal/completion", Map.of("serialNumber", "ab"));

        assertThat(refusal.status()).isEqualTo(404);
        assertThat(refusal.reason()).isEqualTo("UNKNOWN_RENEWAL");
    }

    @Test
    void whenTheInputIsMalformed_then400NamingTheFieldAndNothingChanges() {
        OldCertificate old = fixture.importedCertificate(now().plus(Duration.ofDays(30)));
        Answer offer = fixture.startRenewal(old);
        String issue = "api/renewals/" + offer.body().get("renewalId").asText() + "/certificate";
        byte[] csrDer = TestKeys.csr(TestKeys.ec(), "CN=x");
        byte[] proof = TestKeys.proveKey(old.keys().getPrivate(), fixture.origin(), SiteFixture.unb64(offer.body().get("challenge").asText()), csrDer);
        String csr = SiteFixture.b64(csrDer);
        long renewals = fixture.count("SELECT COUNT(*) FROM renewals");
        long audit = fixture.count("SELECT COUNT(*) FROM audit_events");
        long certificates = fixture.count("SELECT COUNT(*) FROM certificates");

        assertBadRequest(fixture.api.post("api/renewals", "not json"), "body");
        assertBadRequest(fixture.api.post("api/renewals", "[1]"), "body");
        assertBadRequest(fixture.api.post("api/renewals", "{}"), "certificate");
        assertBadRequest(fixture.api.post("api/renewals", Map.of("certificate", old.der(), "extra", "x")), "extra");
        assertBadRequest(fixture.api.post("api/renewals", Map.of("certificate", "***")), "certificate");
        assertBadRequest(fixture.api.post("api/renewals", Map.of("certificate", SiteFixture.b64(new byte[]{0x30, 0x03, 1, 2, 3}))), "certificate");
        assertBadRequest(fixture.api.post("api/renewals", Map.of("certificate", 42)), "certificate");
        assertThat(fixture.api.post("api/renewals", "{\"certificate\":\"" + "A".repeat(70_000) + "\"}").reason()).isEqualTo("BODY_TOO_LARGE");
        assertBadRequest(fixture.api.post(issue, Map.of("proof", "%%%", "csr", csr)), "proof");
        assertBadRequest(fixture.api.post(issue, Map.of("proof", SiteFixture.b64(proof), "csr", "not base64!")), "csr");
        assertBadRequest(fixture.api.post(issue, Map.of("proof", SiteFixture.b64(proof))), "csr");
        assertBadRequest(fixture.api.post("api/renewals/x%20y/certificate", Map.of("proof", SiteFixture.b64(proof), "csr", csr)), "renewalId");
        assertBadRequest(fixture.api.post("api/renewals/" + offer.body().get("renewalId").asText() + "/completion",
                Map.of("serialNumber", "xyz")), "serialNumber");

        assertThat(fixture.count("SELECT COUNT(*) FROM renewals")).isEqualTo(renewals);
        assertThat(fixture.count("SELECT COUNT(*) FROM audit_events")).isEqualTo(audit);
        assertThat(fixture.count("SELECT COUNT(*) FROM certificates")).isEqualTo(certificates);
        assertThat(fixture.count("SELECT COUNT(*) FROM renewals WHERE answered_key_sha256 IS NOT NULL AND id = '"
                + offer.body().get("renewalId").asText() + "'")).isZero();
    }

    @Test
    void whenTwoIssuesForOneKeyRaceEachOther_thenOneCertificate() throws Exception {
        OldCertificate old = fixture.importedCertificate(now().plus(Duration.ofDays(30)));
        KeyPair newKeys = TestKeys.ec();
        Answer offer = fixture.startRenewal(old);
        int racers = 4;
        CyclicBarrier barrier = new CyclicBarrier(racers);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<Future<Answer>> answers = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                Callable<Answer> racer = () -> {
                    barrier.await();
                    return fixture.issueRenewal(offer, old, newKeys);
                };
                answers.add(pool.submit(racer));
            }
            List<String> serials = new ArrayList<>();
            for (Future<Answer> answer : answers) {
                assertThat(answer.get().status()).isEqualTo(200);
                serials.add(answer.get().body().get("serialNumber").asText());
            }
            assertThat(serials).containsOnly(serials.get(0));
            assertThat(fixture.count("SELECT COUNT(*) FROM certificates WHERE flow_ref = '" + offer.body().get("renewalId").asText() + "'"))
                    .isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void whenThePageAsksForTheSite_thenAgentUrlAndRules() {
        Answer site = fixture.api.get("api/site");

        assertThat(site.status()).isEqualTo(200);
        assertThat(site.body().get("agentUrls")).extracting(n -> n.asText()).containsExactly(
                "wss://127.0.0.1:28443/v2", "wss://127.0.0.1:28444/v2", "wss://127.0.0.1:28445/v2", "wss://127.0.0.1:28446/v2");
        assertThat(site.body().at("/renewal/daysBefore").asInt()).isEqualTo(90);
        assertThat(site.body().at("/renewal/daysAfter").asInt()).isEqualTo(300);
        assertThat(site.body().at("/download/validityDays").asInt()).isEqualTo(1822);
    }

    static void assertBadRequest(Answer answer, String field) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(400);
        assertThat(answer.reason()).isEqualTo("BAD_REQUEST");
        assertThat(answer.body().at("/details/field").asText()).isEqualTo(field);
        assertThat(answer.body().at("/message/zh").asText()).isNotBlank();
        assertThat(answer.body().at("/message/en").asText()).isNotBlank();
    }

    private static X509Certificate parse(String base64) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(SiteFixture.unb64(base64)));
    }
}

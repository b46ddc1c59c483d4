package com.ukeybridge.site.api;

import com.ukeybridge.site.download.NewAuthorization;
import com.ukeybridge.site.testing.ApiClient.Answer;
import com.ukeybridge.site.testing.SiteFixture;
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
import java.util.Locale;
import java.util.List;
import java.util.Map;

import static com.ukeybridge.site.api.RenewalApiTest.assertBadRequest;
import static org.assertj.core.api.Assertions.assertThat;

/** The download rules through the real HTTP API (docs/site-api.md, "Download"; manual 4). */
class DownloadApiTest {
    private static final String SUBJECT = "CN=李四,OU=办公室,O=山东省某事业单位,C=CN";
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

    private static NewAuthorization authorization() {
        return fixture.site.ra().issueCode(SUBJECT, "test");
    }

    private static Answer check(String reference, String code) {
        return fixture.api.post("api/downloads", Map.of("referenceNumber", reference, "authorizationCode", code));
    }

    private static Answer download(String reference, String code, KeyPair keys) {
        return fixture.api.post("api/downloads/certificate", Map.of("referenceNumber", reference, "authorizationCode", code,
                "csr", SiteFixture.b64(TestKeys.csr(keys, "CN=whatever the key says"))));
    }

    private static String wrong(String code) {
        return code.charAt(0) == 'A' ? "B" + code.substring(1) : "A" + code.substring(1);
    }

    @Test
    void whenTheCodeIsRight_thenTheAuthorizedSubjectAndValidityAreShown() {
        NewAuthorization a = authorization();

        Answer offer = check(a.referenceNumber(), a.authorizationCode());

        assertThat(offer.status()).isEqualTo(200);
        assertThat(offer.body().get("subject").asText()).isEqualTo(SUBJECT);
        assertThat(offer.body().get("validityDays").asInt()).isEqualTo(1822);
        assertThat(offer.body().get("keyAlgorithm").asText()).isEqualTo("EC-P256");
        assertThat(offer.body().get("expiresAt").asText()).isEqualTo(SiteFixture.START.plus(Duration.ofDays(14)).toString());
        assertThat(offer.body().get("pending").isNull()).isTrue();
    }

    @Test
    void whenTheCodeIsTypedInLowerCaseWithoutDashes_thenItIsAccepted() {
        NewAuthorization a = authorization();

        assertThat(check(a.referenceNumber(), a.authorizationCode().replace("-", "").toLowerCase(Locale.ROOT)).status()).isEqualTo(200);
    }

    @Test
    void whenDownloaded_thenIssuedForTheRequestKeyWithTheAuthorizedSubjectFor1822Days() throws Exception {
        NewAuthorization a = authorization();
        KeyPair keys = TestKeys.ec();

        Answer issued = download(a.referenceNumber(), a.authorizationCode(), keys);

        assertThat(issued.status()).isEqualTo(200);
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(SiteFixture.unb64(issued.body().get("certificate").asText())));
        assertThat(certificate.getPublicKey()).isEqualTo(keys.getPublic());
        assertThat(issued.body().get("subject").asText()).isEqualTo(SUBJECT);
        assertThat(Duration.between(certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant()).toDays()).isEqualTo(1822);
        assertThat(issued.body().get("validityDays").asInt()).isEqualTo(1822);
        certificate.verify(fixture.site.ca().certificate().getPublicKey());

        Answer completion = fixture.api.post("api/downloads/completion",
                Map.of("referenceNumber", a.referenceNumber(), "serialNumber", issued.body().get("serialNumber").asText()));
        assertThat(completion.status()).isEqualTo(200);
        assertThat(completion.body().get("completed").asBoolean()).isTrue();
        assertThat(check(a.referenceNumber(), a.authorizationCode()).reason()).isEqualTo("CODE_USED");
    }

    @Test
    void whenTheSameKeyDownloadsTwice_thenTheSameCertificate() {
        NewAuthorization a = authorization();
        KeyPair keys = TestKeys.ec();

        Answer first = download(a.referenceNumber(), a.authorizationCode(), keys);
        Answer retry = download(a.referenceNumber(), a.authorizationCode(), keys);

        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.body().get("serialNumber").asText()).isEqualTo(first.body().get("serialNumber").asText());
        assertThat(fixture.count("SELECT COUNT(*) FROM certificates WHERE flow_ref = '" + a.referenceNumber() + "'")).isEqualTo(1);
    }

    @Test
    void whenAnotherKeyUsesAUsedCode_thenCodeUsed() {
        NewAuthorization a = authorization();
        download(a.referenceNumber(), a.authorizationCode(), TestKeys.ec());

        Answer refusal = download(a.referenceNumber(), a.authorizationCode(), TestKeys.ec());

        assertThat(refusal.status()).isEqualTo(409);
        assertThat(refusal.reason()).isEqualTo("CODE_USED");
    }

    @Test
    void whenIssuedButNotCompleted_thenTheCheckReturnsItAsPending() {
        NewAuthorization a = authorization();
        Answer issued = download(a.referenceNumber(), a.authorizationCode(), TestKeys.ec());
        fixture.clock.advance(Duration.ofDays(20));

        Answer offer = check(a.referenceNumber(), a.authorizationCode());

        assertThat(offer.status()).isEqualTo(200);
        assertThat(offer.body().at("/pending/serialNumber").asText()).isEqualTo(issued.body().get("serialNumber").asText());
    }

    @Test
    void whenTheCodeIsOlderThanCodeValidDays_thenCodeExpired() {
        NewAuthorization a = authorization();
        fixture.clock.advance(Duration.ofDays(14).plusSeconds(1));

        Answer check = check(a.referenceNumber(), a.authorizationCode());
        Answer download = download(a.referenceNumber(), a.authorizationCode(), TestKeys.ec());

        assertThat(check.status()).isEqualTo(410);
        assertThat(check.reason()).isEqualTo("CODE_EXPIRED");
        assertThat(download.reason()).isEqualTo("CODE_EXPIRED");
    }

    @Test
    void whenTheCodeIsWrong_thenCodeInvalidWithTheTriesLeft() {
        NewAuthorization a = authorization();

        Answer first = check(a.referenceNumber(), wrong(a.authorizationCode()));
        Answer second = download(a.referenceNumber(), wrong(a.authorizationCode()), TestKeys.ec());

        assertThat(first.status()).isEqualTo(403);
        assertThat(first.reason()).isEqualTo("CODE_INVALID");
        assertThat(first.body().at("/details/attemptsLeft").asInt()).isEqualTo(4);
        assertThat(first.body().at("/message/zh").asText()).contains("还可以再试4次");
        assertThat(second.body().at("/details/attemptsLeft").asInt()).isEqualTo(3);
    }

    @Test
    void whenFiveWrongCodesWereTried_thenLockedAndTheRightCodeIsRefusedToo() {
        NewAuthorization a = authorization();
        for (int i = 1; i <= 4; i++) {
            assertThat(check(a.referenceNumber(), wrong(a.authorizationCode())).reason()).isEqualTo("CODE_INVALID");
        }

        Answer fifth = check(a.referenceNumber(), wrong(a.authorizationCode()));
        Answer sixthRight = check(a.referenceNumber(), a.authorizationCode());
        Answer download = download(a.referenceNumber(), a.authorizationCode(), TestKeys.ec());

        assertThat(fifth.status()).isEqualTo(423);
        assertThat(fifth.reason()).isEqualTo("CODE_LOCKED");
        assertThat(sixthRight.status()).isEqualTo(423);
        assertThat(sixthRight.reason()).isEqualTo("CODE_LOCKED");
        assertThat(download.reason()).isEqualTo("CODE_LOCKED");
        assertThat(fixture.count("SELECT failed_attempts FROM authorizations WHERE reference_number = '" + a.referenceNumber() + "'"))
                .isEqualTo(5);
        assertThat(fixture.count("SELECT COUNT(*) FROM certificates WHERE flow_ref = '" + a.referenceNumber() + "'")).isZero();
    }

    @Test
    void whenTheReferenceNumberIsUnknown_thenTheVerySameAnswerAsAWrongCode() {
        NewAuthorization a = authorization();

        String unknownNumber = "9" + a.referenceNumber().substring(1).replace('9', '8');
        List<Answer> unknown = new java.util.ArrayList<>();
        List<Answer> wrongCode = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            unknown.add(check(unknownNumber, "ABCD-EFGH-JKMN-PQRS"));
            wrongCode.add(check(a.referenceNumber(), wrong(a.authorizationCode())));
        }

        assertThat(unknown).extracting(Answer::status).containsExactly(403, 403, 403, 403, 423, 423);
        for (int i = 0; i < 6; i++) {
            assertThat(unknown.get(i).body()).as("try " + (i + 1)).isEqualTo(wrongCode.get(i).body());
        }
    }

    @Test
    void whenLockedByWrongTries_thenItStaysLockedAndTheRaReissuesForTheSameSubject() {
        NewAuthorization a = authorization();
        for (int i = 0; i < 5; i++) {
            check(a.referenceNumber(), wrong(a.authorizationCode()));
        }
        fixture.clock.advance(java.time.Duration.ofDays(1));

        NewAuthorization again = fixture.site.ra().reissue(a.referenceNumber(), "test");

        assertThat(check(a.referenceNumber(), a.authorizationCode()).reason()).isEqualTo("CODE_LOCKED");
        assertThat(again.subject()).isEqualTo(a.subject());
        assertThat(again.referenceNumber()).isNotEqualTo(a.referenceNumber());
        assertThat(check(again.referenceNumber(), again.authorizationCode()).status()).isEqualTo(200);
    }

    @Test
    void whenCompletionNamesAnotherSerial_thenUnknownIssuance() {
        NewAuthorization a = authorization();
        download(a.referenceNumber(), a.authorizationCode(), TestKeys.ec());

        Answer refusal = fixture.api.post("api/downloads/completion", Map.of("referenceNumber", a.referenceNumber(), "serialNumber", "1234"));

        assertThat(refusal.status()).isEqualTo(404);
        assertThat(refusal.reason()).isEqualTo("UNKNOWN_ISSUANCE");
    }

    @Test
    void whenTheInputIsMalformed_then400AndNoTryIsCounted() {
        NewAuthorization a = authorization();

        assertBadRequest(fixture.api.post("api/downloads", Map.of("referenceNumber", a.referenceNumber())), "authorizationCode");
        assertBadRequest(check(a.referenceNumber(), "不是授权码"), "authorizationCode");
        assertBadRequest(check("ref/../x", a.authorizationCode()), "referenceNumber");
        assertBadRequest(fixture.api.post("api/downloads/certificate", Map.of("referenceNumber", a.referenceNumber(),
                "authorizationCode", a.authorizationCode(), "csr", "@@@")), "csr");

        assertThat(fixture.count("SELECT failed_attempts FROM authorizations WHERE reference_number = '" + a.referenceNumber() + "'")).isZero();
        assertThat(fixture.count("SELECT COUNT(*) FROM certificates WHERE flow_ref = '" + a.referenceNumber() + "'")).isZero();
    }

    @Test
    void whenAnAuthorizationIsMade_thenOnlyASaltedHashOfTheCodeIsStored() {
        NewAuthorization a = authorization();

        assertThat(a.authorizationCode()).matches("[A-HJKMNP-Z2-9]{4}(-[A-HJKMNP-Z2-9]{4}){3}");
        assertThat(fixture.count("SELECT COUNT(*) FROM authorizations WHERE reference_number = '" + a.referenceNumber()
                + "' AND LENGTH(code_salt) = 16 AND LENGTH(code_hash) = 32")).isEqualTo(1);
        assertThat(fixture.count("SELECT COUNT(*) FROM audit_events WHERE detail LIKE '%" + a.authorizationCode() + "%'")).isZero();
    }
}

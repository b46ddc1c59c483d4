package com.ukeybridge.site.api;

import com.ukeybridge.site.download.NewAuthorization;
import com.ukeybridge.site.ra.RegistrationAuthority;
import com.ukeybridge.site.store.AuditEvent;
import com.ukeybridge.site.store.DownloadProfile;
import com.ukeybridge.site.testing.ApiClient.Answer;
import com.ukeybridge.site.testing.GmKeys;
import com.ukeybridge.site.testing.SiteFixture;
import com.ukeybridge.site.testing.TestKeys;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * GM dual certificates through the real HTTP API (issue 11; docs/site-api.md, "GM pairs"): an old
 * CA's SM2 pair imported and renewed as one pair with an SM2 proof, resumed to the same pair and
 * envelope, superseded on completion; a gm-dual download; the escrowed key recovered by the RA.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class GmFlowContract {
    private final GmKeys.OldGmCa oldGmCa = GmKeys.OldGmCa.create();
    private SiteFixture fixture;
    private String database;
    private int people;

    abstract String freshDatabase();

    abstract void dropDatabase(String url);

    @BeforeAll
    void startSite() throws Exception {
        database = freshDatabase();
        Path caFile = Files.createTempFile("old-gm-ca-", ".pem");
        Files.writeString(caFile, SiteFixture.pem(oldGmCa.certificate()));
        fixture = new SiteFixture(database, config -> config.withTrustedIssuers(List.of(caFile)));
    }

    @AfterAll
    void stopSite() {
        fixture.close();
        dropDatabase(database);
    }

    /** A GM UKey's old pair from the old CA, expiring in 20 days, both imported by the RA. */
    private record OldPair(KeyPair signingKeys, X509Certificate signing, X509Certificate encryption) {
    }

    private OldPair importedPair() {
        KeyPair signing = GmKeys.sm2();
        String subject = "CN=李四" + (++people) + ",OU=办公室,O=某市政务服务中心,C=CN";
        Instant notAfter = fixture.clock.instant().plus(Duration.ofDays(20));
        Instant notBefore = notAfter.minus(Duration.ofDays(1095));
        X509Certificate signingCertificate = oldGmCa.issue(signing.getPublic(), subject, notBefore, notAfter, KeyUsage.digitalSignature);
        X509Certificate encryptionCertificate = oldGmCa.issue(GmKeys.sm2().getPublic(), subject, notBefore, notAfter,
                KeyUsage.keyEncipherment | KeyUsage.dataEncipherment);
        fixture.site.ra().importCertificates(List.of(encryptionCertificate, signingCertificate), "test");
        return new OldPair(signing, signingCertificate, encryptionCertificate);
    }

    private Answer start(OldPair old) throws Exception {
        return fixture.api.post("api/renewals", Map.of("certificate", SiteFixture.b64(old.signing().getEncoded())));
    }

    private Answer issue(Answer offer, OldPair old, KeyPair newKeys) {
        byte[] csr = TestKeys.csr(newKeys, "CN=ignored by the site");
        byte[] proof = TestKeys.sign(old.signingKeys().getPrivate(),
                TestKeys.proofMessage(fixture.origin(), SiteFixture.unb64(offer.body().get("challenge").asText()), csr));
        return fixture.api.post("api/renewals/" + offer.body().get("renewalId").asText() + "/certificate",
                Map.of("proof", SiteFixture.b64(proof), "csr", SiteFixture.b64(csr)));
    }

    @Test
    void whenAGmPairIsRenewed_thenBothCertificatesAreIssuedOnceFromTheSm2CaAndTheEnvelopeOpensWithTheNewSigningKey() throws Exception {
        OldPair old = importedPair();
        long before = fixture.count("SELECT COUNT(*) FROM certificates");
        Answer offer = start(old);
        assertThat(offer.status()).isEqualTo(200);
        assertThat(offer.body().get("proofAlgorithm").asText()).isEqualTo("SM3withSM2");
        assertThat(offer.body().at("/profile/keyAlgorithm").asText()).isEqualTo("SM2");
        assertThat(offer.body().at("/profile/dual").asBoolean()).isTrue();
        KeyPair newKeys = GmKeys.sm2();

        Answer issued = issue(offer, old, newKeys);

        assertThat(issued.status()).isEqualTo(200);
        X509Certificate signing = parse(issued.body().get("certificate").asText());
        X509Certificate encryption = parse(issued.body().at("/encryptionCertificate/certificate").asText());
        X509Certificate sm2Ca = fixture.site.gm().orElseThrow().ca().certificate();
        assertThat(signing.getSigAlgOID()).isEqualTo("1.2.156.10197.1.501");
        assertThat(GmKeys.signedBy(signing, sm2Ca)).isTrue();
        assertThat(GmKeys.signedBy(encryption, sm2Ca)).isTrue();
        assertThat(signing.getPublicKey().getEncoded()).isEqualTo(newKeys.getPublic().getEncoded());
        assertThat(signing.getSubjectX500Principal()).isEqualTo(old.signing().getSubjectX500Principal());
        assertThat(encryption.getSubjectX500Principal()).isEqualTo(old.signing().getSubjectX500Principal());
        assertThat(signing.getKeyUsage()[0]).isTrue();
        assertThat(encryption.getKeyUsage()[0]).isFalse();
        assertThat(encryption.getKeyUsage()[2]).isTrue();
        assertThat(issued.body().at("/encryptionCertificate/serialNumber").asText()).isEqualTo(encryption.getSerialNumber().toString(16));
        assertThat(issued.body().at("/encryptionCertificate/notAfter").asText()).isEqualTo(encryption.getNotAfter().toInstant().toString());
        byte[] envelope = SiteFixture.unb64(issued.body().get("envelopedKey").asText());
        byte[] d = GmKeys.openEnvelope(envelope, newKeys.getPrivate());
        assertThat(GmKeys.publicPoint(d)).isEqualTo(GmKeys.point(encryption.getPublicKey())).isEqualTo(GmKeys.envelopePublicPoint(envelope));
        assertThat(fixture.count("SELECT COUNT(*) FROM certificates")).isEqualTo(before + 2);

        // A retry and a resume give the very same pair and envelope: never a second encryption key.
        Answer again = issue(offer, old, newKeys);
        assertThat(again.body()).isEqualTo(issued.body());
        Answer resumed = start(old);
        assertThat(resumed.body().get("pending")).isEqualTo(issued.body());
        assertThat(fixture.count("SELECT COUNT(*) FROM certificates")).isEqualTo(before + 2);
        assertThat(fixture.count("SELECT COUNT(*) FROM certificate_pairs")).isGreaterThanOrEqualTo(2);

        Answer completion = fixture.api.post("api/renewals/" + offer.body().get("renewalId").asText() + "/completion",
                Map.of("serialNumber", issued.body().get("serialNumber").asText()));
        assertThat(completion.status()).isEqualTo(200);
        assertThat(revocationReason(old.signing())).isEqualTo("SUPERSEDED");
        assertThat(revocationReason(old.encryption())).isEqualTo("SUPERSEDED");
        assertThat(start(old).reason()).isEqualTo("CERTIFICATE_ALREADY_RENEWED");

        // The escrow holds the very key the envelope delivered; the RA recovers it, audited.
        RegistrationAuthority.RecoveredKey recovered = fixture.site.ra().recoverKey(encryption.getSerialNumber().toString(16), "test ra");
        assertThat(BigIntegers.asUnsignedByteArray(32, ((ECPrivateKeyParameters) PrivateKeyFactory.createKey(recovered.privateKey())).getD()))
                .isEqualTo(d);
        assertThat(fixture.site.ra().auditEvents()).extracting(AuditEvent::action).contains("ENCRYPTION_KEY_RECOVERED");
    }

    @Test
    void whenAGmPairIsRenewedWithAnEcKey_thenItIsRefusedAndNothingIsIssued() throws Exception {
        OldPair old = importedPair();
        Answer offer = start(old);
        long before = fixture.count("SELECT COUNT(*) FROM certificates");
        KeyPair ecKeys = TestKeys.ec();
        byte[] csr = TestKeys.csr(ecKeys, "CN=x");
        byte[] proof = TestKeys.sign(old.signingKeys().getPrivate(),
                TestKeys.proofMessage(fixture.origin(), SiteFixture.unb64(offer.body().get("challenge").asText()), csr));

        Answer refused = fixture.api.post("api/renewals/" + offer.body().get("renewalId").asText() + "/certificate",
                Map.of("proof", SiteFixture.b64(proof), "csr", SiteFixture.b64(csr)));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.reason()).isEqualTo("UNSUPPORTED_KEY");
        assertThat(fixture.count("SELECT COUNT(*) FROM certificates")).isEqualTo(before);
    }

    @Test
    void whenAnSm2ProofIsMadeForAnotherOrigin_thenItIsRefused() throws Exception {
        OldPair old = importedPair();
        Answer offer = start(old);
        byte[] csr = TestKeys.csr(GmKeys.sm2(), "CN=x");
        byte[] proof = TestKeys.sign(old.signingKeys().getPrivate(),
                TestKeys.proofMessage("https://evil.example", SiteFixture.unb64(offer.body().get("challenge").asText()), csr));

        Answer refused = fixture.api.post("api/renewals/" + offer.body().get("renewalId").asText() + "/certificate",
                Map.of("proof", SiteFixture.b64(proof), "csr", SiteFixture.b64(csr)));

        assertThat(refused.reason()).isEqualTo("PROOF_INVALID");
    }

    @Test
    void whenAGmDualCodeIsUsed_thenABlankGmKeyGetsBothCertificatesOnceAndAnEcKeyIsRefused() throws Exception {
        NewAuthorization code = fixture.site.ra().issueCode("CN=王五,O=某单位,C=CN", DownloadProfile.GM_DUAL, "test");
        Answer offer = fixture.api.post("api/downloads", Map.of("referenceNumber", code.referenceNumber(),
                "authorizationCode", code.authorizationCode()));
        assertThat(offer.body().get("keyAlgorithm").asText()).isEqualTo("SM2");
        assertThat(offer.body().get("dual").asBoolean()).isTrue();

        Answer ec = download(code, TestKeys.csr(TestKeys.ec(), "CN=x"));
        assertThat(ec.reason()).isEqualTo("UNSUPPORTED_KEY");

        KeyPair keys = GmKeys.sm2();
        Answer issued = download(code, TestKeys.csr(keys, "CN=x"));
        assertThat(issued.status()).isEqualTo(200);
        X509Certificate encryption = parse(issued.body().at("/encryptionCertificate/certificate").asText());
        byte[] d = GmKeys.openEnvelope(SiteFixture.unb64(issued.body().get("envelopedKey").asText()), keys.getPrivate());
        assertThat(GmKeys.publicPoint(d)).isEqualTo(GmKeys.point(encryption.getPublicKey()));
        assertThat(download(code, TestKeys.csr(keys, "CN=x")).body()).isEqualTo(issued.body());
        Answer pending = fixture.api.post("api/downloads", Map.of("referenceNumber", code.referenceNumber(),
                "authorizationCode", code.authorizationCode()));
        assertThat(pending.body().get("pending")).isEqualTo(issued.body());
    }

    @Test
    void whenTheRaRecoversASerialWithoutEscrow_thenItIsRefusedAndNothingIsAudited() {
        OldPair old = importedPair();
        int events = fixture.site.ra().auditEvents().size();

        assertThatThrownBy(() -> fixture.site.ra().recoverKey(old.encryption().getSerialNumber().toString(16), "test ra"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no escrowed encryption key");
        assertThat(fixture.site.ra().auditEvents()).hasSize(events);
    }

    @Test
    void whenAnSm2CertificateWithoutAPairIsRenewed_thenOneSm2CertificateIsIssuedWithoutAnEncryptionHalf() throws Exception {
        KeyPair signing = GmKeys.sm2();
        Instant notAfter = fixture.clock.instant().plus(Duration.ofDays(20));
        X509Certificate alone = oldGmCa.issue(signing.getPublic(), "CN=赵六" + (++people) + ",O=某单位,C=CN", notAfter.minus(Duration.ofDays(1095)),
                notAfter, KeyUsage.digitalSignature);
        fixture.site.ra().importCertificates(List.of(alone), "test");
        OldPair old = new OldPair(signing, alone, null);

        Answer offer = start(old);
        assertThat(offer.body().at("/profile/keyAlgorithm").asText()).isEqualTo("SM2");
        assertThat(offer.body().at("/profile/dual").asBoolean()).isFalse();
        Answer issued = issue(offer, old, GmKeys.sm2());

        assertThat(issued.status()).isEqualTo(200);
        assertThat(GmKeys.signedBy(parse(issued.body().get("certificate").asText()), fixture.site.gm().orElseThrow().ca().certificate())).isTrue();
        assertThat(issued.body().has("encryptionCertificate")).isFalse();
        assertThat(issued.body().has("envelopedKey")).isFalse();
    }

    @Test
    void whenAnOldPairIsImported_thenItIsRecordedAsOnePair() {
        long pairs = fixture.count("SELECT COUNT(*) FROM certificate_pairs");
        importedPair();
        assertThat(fixture.count("SELECT COUNT(*) FROM certificate_pairs")).isEqualTo(pairs + 1);
    }

    private Answer download(NewAuthorization code, byte[] csr) {
        return fixture.api.post("api/downloads/certificate", Map.of("referenceNumber", code.referenceNumber(),
                "authorizationCode", code.authorizationCode(), "csr", SiteFixture.b64(csr)));
    }

    private String revocationReason(X509Certificate certificate) {
        String serial = certificate.getSerialNumber().toString(16);
        return fixture.site.ra().certificates().stream().filter(c -> c.serialNumber().equals(serial)).findFirst().orElseThrow()
                .revocationReason().map(Enum::name).orElse("not revoked");
    }

    private static X509Certificate parse(String base64) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509", com.ukeybridge.site.ca.Signatures.PROVIDER).generateCertificate(new ByteArrayInputStream(SiteFixture.unb64(base64)));
    }

}

package com.ukeybridge.site.revocation;

import com.fasterxml.jackson.databind.JsonNode;
import com.ukeybridge.site.ca.IssueOrder;
import com.ukeybridge.site.config.DownloadSettings;
import com.ukeybridge.site.download.NewAuthorization;
import com.ukeybridge.site.store.RevocationReason;
import com.ukeybridge.site.testing.ApiClient.Answer;
import com.ukeybridge.site.testing.OpenSsl;
import com.ukeybridge.site.testing.SiteFixture;
import com.ukeybridge.site.testing.TestKeys;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.Extension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Revocation as relying parties see it, checked with {@code openssl}: a certificate superseded
 * by its renewal and one revoked by the RA are listed in the CRL and answered revoked by OCSP,
 * the renewed one is good, the issued certificates name the CRL, the CA certificate and OCSP.
 * The site's clock is the real one here: openssl checks the answers' times against it.
 */
abstract class RevocationContract {
    private SiteFixture fixture;
    private OpenSsl openssl;
    private Path dir;

    abstract String freshDatabase();

    void dropDatabase(String url) {
    }

    private String url;

    /** A download-issued certificate and its key: valid 30 days, so inside the renewal window at once. */
    private record Issued(KeyPair keys, X509Certificate certificate, String der) {
    }

    @BeforeEach
    void start() throws Exception {
        url = freshDatabase();
        fixture = new SiteFixture(url, Instant.now().truncatedTo(ChronoUnit.SECONDS), c -> c.withDownload(new DownloadSettings(30, 14, 5)));
        dir = fixture.dir;
        openssl = new OpenSsl(dir);
        Files.writeString(dir.resolve("ca.pem"), SiteFixture.pem(fixture.site.ca().certificate()));
    }

    @AfterEach
    void stop() {
        fixture.close();
        dropDatabase(url);
    }

    @Test
    void whenOneCertificateIsSupersededAndOneRevoked_thenOpensslSeesBothInTheCrlAndOcspAndTheNewOneGood() throws Exception {
        Issued superseded = download("CN=王五,O=山东省某事业单位,C=CN");
        Issued compromised = download("CN=赵六,O=山东省某事业单位,C=CN");
        Answer offer = fixture.api.post("api/renewals", Map.of("certificate", superseded.der()));
        JsonNode renewed = issueRenewal(offer, superseded);
        fixture.api.post("api/renewals/" + offer.body().get("renewalId").asText() + "/completion",
                Map.of("serialNumber", renewed.get("serialNumber").asText()));
        X509CRL before = crl(fetchCrl());
        fixture.site.ra().revoke(compromised.certificate().getSerialNumber().toString(16), RevocationReason.KEY_COMPROMISE, "test");
        write("superseded.pem", superseded.certificate());
        write("compromised.pem", compromised.certificate());
        write("renewed.pem", parse(SiteFixture.unb64(renewed.get("certificate").asText())));

        byte[] crlDer = fetchCrl();
        Files.write(dir.resolve("crl.der"), crlDer);
        OpenSsl.Run crlText = openssl.run("crl", "-inform", "DER", "-in", "crl.der", "-CAfile", "ca.pem", "-noout", "-text");
        openssl.run("crl", "-inform", "DER", "-in", "crl.der", "-out", "crl.pem");
        OpenSsl.Run revokedVerify = openssl.run("verify", "-crl_check", "-CAfile", "ca.pem", "-CRLfile", "crl.pem", "compromised.pem");
        OpenSsl.Run supersededVerify = openssl.run("verify", "-crl_check", "-CAfile", "ca.pem", "-CRLfile", "crl.pem", "superseded.pem");
        OpenSsl.Run renewedVerify = openssl.run("verify", "-crl_check", "-CAfile", "ca.pem", "-CRLfile", "crl.pem", "renewed.pem");
        OpenSsl.Run ocsp = openssl.run("ocsp", "-issuer", "ca.pem", "-CAfile", "ca.pem", "-url", fixture.site.baseUri() + "ocsp",
                "-cert", "superseded.pem", "-cert", "compromised.pem", "-cert", "renewed.pem");

        assertThat(crlText.output()).contains("verify OK", hex(superseded), hex(compromised), "Superseded", "Key Compromise")
                .doesNotContain(hex(parse(SiteFixture.unb64(renewed.get("certificate").asText()))));
        assertThat(crl(crlDer).getRevokedCertificates()).hasSize(2);
        assertThat(number(crl(crlDer))).isGreaterThan(number(before));
        assertThat(revokedVerify.exit()).isNotZero();
        assertThat(revokedVerify.output()).contains("certificate revoked");
        assertThat(supersededVerify.output()).contains("certificate revoked");
        assertThat(renewedVerify.exit()).as(renewedVerify.output()).isZero();
        assertThat(ocsp.output()).contains("Response verify OK", "superseded.pem: revoked", "compromised.pem: revoked",
                "renewed.pem: good", "Reason: superseded", "Reason: keyCompromise");
    }

    @Test
    void whenOcspIsAskedAboutACertificateItNeverIssued_thenUnknownSignedByTheDelegatedResponder() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // Signed by the CA key but never recorded: the responder answers from the records, not from the signature.
        write("unrecorded.pem", fixture.site.ca().issue(new IssueOrder(new X500Name("CN=无记录"),
                SubjectPublicKeyInfo.getInstance(TestKeys.ec().getPublic().getEncoded()), now, 30)));

        OpenSsl.Run ocsp = openssl.run("ocsp", "-issuer", "ca.pem", "-CAfile", "ca.pem", "-url", fixture.site.baseUri() + "ocsp",
                "-cert", "unrecorded.pem", "-resp_text");

        assertThat(ocsp.output()).contains("Response verify OK", "unrecorded.pem: unknown",
                "OCSP Signing", "OCSP No Check", "Subject: CN=OCSP responder of CN=UKey Bridge Update Site CA");
    }

    @Test
    void whenACertificateIsIssued_thenItNamesTheCrlTheCaAndOcspAndTheyAnswer() throws Exception {
        Issued issued = download("CN=孙七,O=山东省某事业单位,C=CN");
        String base = fixture.site.baseUri().toString();

        CRLDistPoint cdp = CRLDistPoint.getInstance(ASN1OctetString.getInstance(
                issued.certificate().getExtensionValue(Extension.cRLDistributionPoints.getId())).getOctets());
        AuthorityInformationAccess aia = AuthorityInformationAccess.getInstance(ASN1OctetString.getInstance(
                issued.certificate().getExtensionValue(Extension.authorityInfoAccess.getId())).getOctets());
        HttpResponse<byte[]> ca = fixture.api.raw(fixture.api.request("ca.crt"));
        HttpResponse<byte[]> crl = fixture.api.raw(fixture.api.request("crl"));

        assertThat(cdp.toString()).contains(base + "crl");
        assertThat(aia.getAccessDescriptions()).extracting(d -> d.getAccessLocation().getName().toString())
                .containsExactly(base + "ca.crt", base + "ocsp");
        assertThat(ca.headers().firstValue("Content-Type")).contains("application/pkix-cert");
        assertThat(ca.body()).isEqualTo(fixture.site.ca().certificate().getEncoded());
        assertThat(crl.headers().firstValue("Content-Type")).contains("application/pkix-crl");
        crl(crl.body()).verify(fixture.site.ca().certificate().getPublicKey());
        assertThat(crl(crl.body()).getNextUpdate().toInstant()).isAfter(Instant.now().plus(Duration.ofHours(23)));
    }

    @Test
    void whenNothingWasRevokedSince_thenTheSameCrlUntilHalfItsLife() {
        byte[] first = fetchCrl();
        assertThat(fetchCrl()).isEqualTo(first);

        fixture.clock.advance(CrlPublisher.VALIDITY.dividedBy(2));

        assertThat(number(crl(fetchCrl()))).isEqualTo(number(crl(first)) + 1);
    }

    @Test
    void whenTheOcspRequestIsNotOne_thenMalformedRequestAndAJsonPostIsRefused() {
        HttpResponse<byte[]> garbage = fixture.api.raw(fixture.api.request("ocsp").header("Content-Type", "application/ocsp-request")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[]{1, 2, 3})));
        HttpResponse<byte[]> json = fixture.api.raw(fixture.api.request("ocsp").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(garbage.statusCode()).isEqualTo(200);
        assertThat(garbage.body()).containsExactly(0x30, 0x03, 0x0a, 0x01, 0x01); // OCSPResponse { responseStatus malformedRequest }
        assertThat(json.statusCode()).isEqualTo(415);
    }

    private Issued download(String subject) throws Exception {
        NewAuthorization authorization = fixture.site.ra().issueCode(subject, "test");
        KeyPair keys = TestKeys.ec();
        Answer answer = fixture.api.post("api/downloads/certificate", Map.of("referenceNumber", authorization.referenceNumber(),
                "authorizationCode", authorization.authorizationCode(), "csr", SiteFixture.b64(TestKeys.csr(keys, "CN=x"))));
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        String der = answer.body().get("certificate").asText();
        return new Issued(keys, parse(SiteFixture.unb64(der)), der);
    }

    private JsonNode issueRenewal(Answer offer, Issued old) {
        Answer issued = fixture.issueRenewal(offer, new SiteFixture.OldCertificate(old.keys(), old.certificate()), TestKeys.ec());
        assertThat(issued.status()).as(issued.body().toString()).isEqualTo(200);
        return issued.body();
    }

    private byte[] fetchCrl() {
        HttpResponse<byte[]> response = fixture.api.raw(fixture.api.request("crl"));
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private void write(String name, X509Certificate certificate) throws Exception {
        Files.writeString(dir.resolve(name), SiteFixture.pem(certificate));
    }

    private static String hex(Issued issued) {
        return hex(issued.certificate());
    }

    private static String hex(X509Certificate certificate) {
        return certificate.getSerialNumber().toString(16).toUpperCase();
    }

    private static long number(X509CRL crl) {
        return org.bouncycastle.asn1.x509.CRLNumber.getInstance(ASN1OctetString.getInstance(
                crl.getExtensionValue(Extension.cRLNumber.getId())).getOctets()).getCRLNumber().longValueExact();
    }

    private static X509CRL crl(byte[] der) {
        try {
            return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate parse(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

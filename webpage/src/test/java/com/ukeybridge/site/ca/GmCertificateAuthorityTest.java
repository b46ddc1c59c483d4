package com.ukeybridge.site.ca;

import com.ukeybridge.site.issuance.CertificateRequest;
import com.ukeybridge.site.issuance.PublicKeys;
import com.ukeybridge.site.refusal.CsrInvalidException;
import com.ukeybridge.site.config.SiteOrigin;
import com.ukeybridge.site.refusal.ProofInvalidException;
import com.ukeybridge.site.renewal.ProofOfPossession;
import com.ukeybridge.site.testing.GmKeys;
import com.ukeybridge.site.testing.OpenSsl;
import com.ukeybridge.site.testing.SiteFixture;
import com.ukeybridge.site.testing.TestKeys;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SM2 CA, SM3withSM2 requests and SM2 proofs of possession, checked with Bouncy Castle and OpenSSL 3. */
class GmCertificateAuthorityTest {
    @TempDir
    Path dir;

    private CertificateAuthority sm2Ca() {
        return new CertificateAuthority(Pkcs12CaKey.openOrCreateSm2(dir.resolve("gm-ca.p12"), Optional.of("secret"),
                "CN=Test SM2 CA,O=UKey Bridge", Clock.systemUTC()));
    }

    private static X509Certificate issue(CertificateAuthority ca, KeyPair keys, IssueOrder.Use use) {
        return ca.issue(new IssueOrder(new X500Name("CN=李四,O=某单位,C=CN"), SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()),
                Instant.now(), 1095, use));
    }

    @Test
    void whenTheSm2CaIssues_thenOpenSslParsesAndVerifiesTheSm3WithSm2Certificate() throws Exception {
        CertificateAuthority ca = sm2Ca();
        X509Certificate certificate = issue(ca, GmKeys.sm2(), IssueOrder.Use.SIGNING);

        assertThat(certificate.getSigAlgOID()).isEqualTo("1.2.156.10197.1.501");
        assertThat(GmKeys.signedBy(certificate, ca.certificate())).isTrue();
        Files.writeString(dir.resolve("ca.pem"), SiteFixture.pem(ca.certificate()));
        Files.writeString(dir.resolve("user.pem"), SiteFixture.pem(certificate));
        OpenSsl openssl = new OpenSsl(dir);
        OpenSsl.Run text = openssl.run("x509", "-in", "user.pem", "-noout", "-text");
        assertThat(text.exit()).isZero();
        assertThat(text.output()).contains("SM2-with-SM3").contains("SM2").contains("Digital Signature");
        // OpenSSL 3.0 verifies an SM2 signature only when told the ID (it sets none by default).
        OpenSsl.Run verify = openssl.run("verify", "-vfyopt", "distid:1234567812345678", "-CAfile", "ca.pem", "user.pem");
        assertThat(verify.output()).contains("user.pem: OK");
    }

    @Test
    void whenTheEncryptionCertificateIsIssued_thenItsKeyUsageIsForEnciphermentOnly() {
        X509Certificate certificate = issue(sm2Ca(), GmKeys.sm2(), IssueOrder.Use.ENCRYPTION);

        boolean[] usage = certificate.getKeyUsage();
        assertThat(usage[0]).isFalse();
        assertThat(usage[2]).isTrue();
        assertThat(usage[3]).isTrue();
        assertThat(usage[4]).isTrue();
    }

    @Test
    void whenTheSm2CaIsReopened_thenItIsTheSameCa() {
        X509Certificate first = sm2Ca().certificate();
        assertThat(sm2Ca().certificate()).isEqualTo(first);
        assertThat(Signatures.isSm2(first.getPublicKey())).isTrue();
    }

    @Test
    void whenAnSm2RequestIsParsed_thenItsSignatureIsVerifiedAndItsKeyIsSm2() {
        KeyPair keys = GmKeys.sm2();
        CertificateRequest request = CertificateRequest.parse(TestKeys.csr(keys, "CN=x"));
        assertThat(request.keyAlgorithm()).isEqualTo(PublicKeys.SM2);

        assertThatThrownBy(() -> CertificateRequest.parse(TestKeys.csr(keys.getPublic(), GmKeys.sm2().getPrivate(), "CN=x")))
                .isInstanceOf(CsrInvalidException.class);
    }

    @Test
    void whenAnSm2KeyProvesPossessionOverM_thenTheSiteVerifiesItForItsOriginOnly() {
        KeyPair old = GmKeys.sm2();
        byte[] challenge = new byte[32];
        byte[] csr = TestKeys.csr(GmKeys.sm2(), "CN=x");
        byte[] binding = TestKeys.sha256(spki(csr));
        byte[] proof = TestKeys.sign(old.getPrivate(), TestKeys.proofMessage("https://update.example.gov.cn", challenge, csr));

        assertThat(ProofOfPossession.algorithmFor(old.getPublic())).isEqualTo("SM3withSM2");
        ProofOfPossession.verify(old.getPublic(), List.of(SiteOrigin.parse("https://update.example.gov.cn")), challenge, binding, proof);
        assertThatThrownBy(() -> ProofOfPossession.verify(old.getPublic(), List.of(SiteOrigin.parse("https://other.example")),
                challenge, binding, proof)).isInstanceOf(ProofInvalidException.class);
    }

    private static byte[] spki(byte[] csr) {
        try {
            return CertificateRequest.parse(csr).publicKey().getEncoded();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

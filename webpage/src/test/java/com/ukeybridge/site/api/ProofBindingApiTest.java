package com.ukeybridge.site.api;

import com.ukeybridge.site.config.SiteOrigin;
import com.ukeybridge.site.testing.ApiClient.Answer;
import com.ukeybridge.site.testing.SiteFixture;
import com.ukeybridge.site.testing.SiteFixture.OldCertificate;
import com.ukeybridge.site.testing.TestDatabases;
import com.ukeybridge.site.testing.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The renewal's proof of possession through the HTTP API (issue 8): bound to the site's origin,
 * the renewal's challenge and the request's key, so that a proof made elsewhere or for another
 * key certifies nothing. Two sites: one configured for its public origin (behind a proxy), one
 * with the loopback default.
 */
class ProofBindingApiTest {
    private static final String PUBLIC_ORIGIN = "https://update.example.gov.cn";
    private static SiteFixture proxied;
    private static SiteFixture local;

    @BeforeAll
    static void startSites() {
        proxied = new SiteFixture(TestDatabases.h2(), c -> c.withSiteOrigin(SiteOrigin.parse(PUBLIC_ORIGIN)));
        local = new SiteFixture(TestDatabases.h2());
    }

    @AfterAll
    static void stopSites() {
        proxied.close();
        local.close();
    }

    @Test
    void whenTheProofWasMadeForTheConfiguredOrigin_thenIssued() {
        OldCertificate old = renewable(proxied);

        Answer issued = proxied.issueRenewal(proxied.startRenewal(old), old, TestKeys.ec(), PUBLIC_ORIGIN);

        assertThat(issued.status()).as(issued.body().toString()).isEqualTo(200);
    }

    @Test
    void whenTheProofWasMadeForOriginA_thenASiteOfOriginBRefusesIt_andNothingIsIssued() {
        OldCertificate old = renewable(proxied);
        Answer offer = proxied.startRenewal(old);
        long before = proxied.count("SELECT COUNT(*) FROM certificates");

        // A page on another origin got the user's agent to prove the key for this site's challenge.
        for (String elsewhere : new String[]{"https://evil.example", "http://update.example.gov.cn", "https://update.example.gov.cn:8443",
                proxied.origin()}) {
            Answer refusal = proxied.issueRenewal(offer, old, TestKeys.ec(), elsewhere);

            assertThat(refusal.status()).as(elsewhere).isEqualTo(403);
            assertThat(refusal.reason()).isEqualTo("PROOF_INVALID");
        }
        assertThat(proxied.count("SELECT COUNT(*) FROM certificates")).isEqualTo(before);
        // The refused proofs did not spend the challenge: the user's own proof still works.
        assertThat(proxied.issueRenewal(offer, old, TestKeys.ec(), PUBLIC_ORIGIN).status()).isEqualTo(200);
    }

    @Test
    void whenNoSiteOriginIsConfigured_thenOnlyAProofForTheLoopbackOriginOfItsPortVerifies() {
        OldCertificate old = renewable(local);
        Answer offer = local.startRenewal(old);
        int port = local.site.port();

        assertThat(local.issueRenewal(offer, old, TestKeys.ec(), PUBLIC_ORIGIN).reason()).isEqualTo("PROOF_INVALID");
        assertThat(local.issueRenewal(offer, old, TestKeys.ec(), "http://localhost:" + (port + 1)).reason()).isEqualTo("PROOF_INVALID");
        assertThat(local.issueRenewal(offer, old, TestKeys.ec(), "http://127.0.0.1:" + port).status()).isEqualTo(200);
    }

    @Test
    void whenTheProofIsBoundToKeyK_thenARequestForKeyKPrimeIsRefused() {
        OldCertificate old = renewable(proxied);
        Answer offer = proxied.startRenewal(old);
        byte[] csrK = TestKeys.csr(TestKeys.ec(), "CN=K");
        byte[] csrKPrime = TestKeys.csr(TestKeys.ec(), "CN=K'");
        byte[] proofForK = TestKeys.proveKey(old.keys().getPrivate(), PUBLIC_ORIGIN, challenge(offer), csrK);
        long before = proxied.count("SELECT COUNT(*) FROM certificates");

        Answer refusal = post(offer, proofForK, csrKPrime);

        assertThat(refusal.status()).isEqualTo(403);
        assertThat(refusal.reason()).isEqualTo("PROOF_INVALID");
        assertThat(proxied.count("SELECT COUNT(*) FROM certificates")).isEqualTo(before);
        assertThat(post(offer, proofForK, csrK).status()).isEqualTo(200);
    }

    @Test
    void whenTheProofIsV1sBareSignatureOverTheChallenge_thenRefused() {
        OldCertificate old = renewable(proxied);
        Answer offer = proxied.startRenewal(old);
        byte[] bare = TestKeys.sign(old.keys().getPrivate(), challenge(offer));

        Answer refusal = post(offer, bare, TestKeys.csr(TestKeys.ec(), "CN=x"));

        assertThat(refusal.status()).isEqualTo(403);
        assertThat(refusal.reason()).isEqualTo("PROOF_INVALID");
    }

    @Test
    void whenTheRenewalIssued_thenAFreshProofForAnotherKeyIsRefused() {
        OldCertificate old = renewable(proxied);
        Answer offer = proxied.startRenewal(old);
        assertThat(proxied.issueRenewal(offer, old, TestKeys.ec(), PUBLIC_ORIGIN).status()).isEqualTo(200);

        Answer replay = proxied.issueRenewal(offer, old, TestKeys.ec(), PUBLIC_ORIGIN);

        assertThat(replay.status()).isEqualTo(409);
        assertThat(replay.reason()).isEqualTo("RENEWAL_BOUND_TO_KEY");
    }

    @Test
    void whenTheProofIsAnotherKeysOverTheRightMessage_thenRefused() {
        OldCertificate old = renewable(proxied);
        Answer offer = proxied.startRenewal(old);
        KeyPair someone = TestKeys.ec();
        byte[] csr = TestKeys.csr(TestKeys.ec(), "CN=x");

        Answer refusal = post(offer, TestKeys.proveKey(someone.getPrivate(), PUBLIC_ORIGIN, challenge(offer), csr), csr);

        assertThat(refusal.reason()).isEqualTo("PROOF_INVALID");
    }

    private static OldCertificate renewable(SiteFixture site) {
        return site.importedCertificate(site.clock.instant().plus(Duration.ofDays(30)));
    }

    private static byte[] challenge(Answer offer) {
        return SiteFixture.unb64(offer.body().get("challenge").asText());
    }

    private static Answer post(Answer offer, byte[] proof, byte[] csr) {
        return proxied.api.post("api/renewals/" + offer.body().get("renewalId").asText() + "/certificate",
                Map.of("proof", SiteFixture.b64(proof), "csr", SiteFixture.b64(csr)));
    }
}

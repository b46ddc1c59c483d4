package com.ukeybridge.site.demo;

import com.ukeybridge.site.testing.ApiClient;
import com.ukeybridge.site.testing.ApiClient.Answer;
import com.ukeybridge.site.testing.SiteFixture;
import com.ukeybridge.token.testing.SoftHsm;
import com.ukeybridge.token.testing.TokenFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code update-site.jar demo}: the site side of the demo on real SoftHSM2 tokens, started twice on one folder. */
@Tag("softhsm")
class SiteDemoTest {
    private static SoftHsm hsm;
    private static Path dir;

    @BeforeAll
    static void makeTokens() throws Exception {
        hsm = SoftHsm.create();
        hsm.initToken("UKey Demo", TokenFixture.PIN);
        hsm.initToken("UKey Blank", TokenFixture.PIN);
        dir = Files.createTempDirectory("site-demo-");
    }

    @AfterAll
    static void removeTokens() {
        hsm.close();
    }

    private static SiteDemo start() {
        return SiteDemo.start(new SiteDemo.Settings(dir, SoftHsm.MODULE, "UKey Demo", "UKey Blank", TokenFixture.PIN, 0,
                URI.create("wss://127.0.0.1:28443/v2")), Clock.systemUTC());
    }

    @Test
    void whenStartedTwice_thenTheTokenHoldsARenewableCertificateOfTheSiteCaAndTheCodeWorks() throws Exception {
        X509Certificate first;
        try (SiteDemo demo = start()) {
            first = demo.clerk().certificate();
            assertThat(demo.clerk().madeNow()).isTrue();
            assertThat(demo.blankTokenPresent()).isTrue();
            first.verify(demo.site().ca().certificate().getPublicKey());
            assertThat(first.getSubjectX500Principal().getName()).isEqualTo(new javax.security.auth.x500.X500Principal(SiteDemo.CLERK_SUBJECT).getName());
            Instant notAfter = first.getNotAfter().toInstant();
            assertThat(notAfter).isBetween(Instant.now().plus(Duration.ofDays(30)).minusSeconds(60), Instant.now().plus(Duration.ofDays(30)));
            // The key is on the token, beside the certificate.
            assertThat(hsm.pkcs11Tool("--token-label", "UKey Demo", "--login", "--pin", TokenFixture.PIN, "--list-objects"))
                    .contains("Private Key Object").contains("Certificate Object");

            ApiClient api = new ApiClient(demo.site().baseUri());
            Answer offer = api.post("api/renewals", Map.of("certificate", SiteFixture.b64(first.getEncoded())));
            assertThat(offer.status()).isEqualTo(200);
            assertThat(offer.body().at("/profile/keyAlgorithm").asText()).isEqualTo("EC-P256");
            Answer download = api.post("api/downloads", Map.of("referenceNumber", demo.authorization().referenceNumber(),
                    "authorizationCode", demo.authorization().authorizationCode()));
            assertThat(download.status()).isEqualTo(200);
            assertThat(download.body().get("subject").asText()).contains("李四");
            assertThat(Files.readString(demo.configFile())).contains("\"trustedIssuers\"").contains("\"agentUrl\" : \"wss://127.0.0.1:28443/v2\"");
        }

        try (SiteDemo again = start()) {
            assertThat(again.clerk().madeNow()).isFalse();
            assertThat(again.clerk().certificate()).isEqualTo(first);
            assertThat(new ApiClient(again.site().baseUri()).post("api/renewals",
                    Map.of("certificate", SiteFixture.b64(first.getEncoded()))).status()).isEqualTo(200);
        }
    }
}

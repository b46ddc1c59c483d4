package com.ukeybridge.site.api;

import com.ukeybridge.site.ca.Pkcs12CaKey;
import com.ukeybridge.site.config.TlsSettings;
import com.ukeybridge.site.testing.ApiClient;
import com.ukeybridge.site.testing.SiteFixture;
import com.ukeybridge.site.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** How the site is served: base path, HTTPS with {@code tls}, JSON for unknown API paths. */
class SiteServerTest {
    @TempDir
    Path dir;

    @Test
    void whenABasePathIsConfigured_thenTheApiLivesBelowIt() {
        try (SiteFixture fixture = new SiteFixture(TestDatabases.h2(), c -> c.withBasePath("/CaUpdate/"))) {
            assertThat(fixture.site.baseUri().getPath()).isEqualTo("/CaUpdate/");
            assertThat(fixture.api.get("api/site").status()).isEqualTo(200);
            ApiClient root = new ApiClient(URI.create("http://localhost:" + fixture.site.port() + "/"));
            assertThat(root.get("api/site").status()).isEqualTo(404);
        }
    }

    @Test
    void whenAnApiPathIsUnknown_thenA404WithAReason() {
        try (SiteFixture fixture = new SiteFixture(TestDatabases.h2())) {
            ApiClient.Answer answer = fixture.api.get("api/nothing-here");

            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.reason()).isEqualTo("NOT_FOUND");
        }
    }

    @Test
    void whenABodyIsHuge_then413NotAServerError() {
        try (SiteFixture fixture = new SiteFixture(TestDatabases.h2())) {
            ApiClient.Answer answer = fixture.api.post("api/renewals", "{\"certificate\":\"" + "A".repeat(3 * 1024 * 1024) + "\"}");

            assertThat(answer.status()).isEqualTo(413);
            assertThat(answer.reason()).isEqualTo("BODY_TOO_LARGE");
            assertThat(answer.body().at("/details/maxBytes").asInt()).isEqualTo(64 * 1024);
        }
    }

    @Test
    void whenTlsIsConfigured_thenTheSiteAnswersOverHttps() throws Exception {
        Path keystore = dir.resolve("tls.p12");
        Pkcs12CaKey tlsKey = Pkcs12CaKey.openOrCreate(keystore, Optional.of("tls-pw"), "CN=localhost", Clock.systemUTC());
        try (SiteFixture fixture = new SiteFixture(TestDatabases.h2(), c -> c.withTls(new TlsSettings(keystore, "tls-pw")))) {
            assertThat(fixture.site.baseUri().getScheme()).isEqualTo("https");
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("site", tlsKey.certificate());
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, factory.getTrustManagers(), null);
            HttpsURLConnection connection = (HttpsURLConnection) fixture.site.baseUri().resolve("api/site").toURL().openConnection();
            connection.setSSLSocketFactory(ssl.getSocketFactory());
            connection.setHostnameVerifier((host, session) -> host.equals("localhost"));

            assertThat(connection.getResponseCode()).isEqualTo(200);
            assertThat(connection.getHeaderField("Strict-Transport-Security")).isEqualTo("max-age=31536000");
            assertThat(new String(connection.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).contains("agentUrls");
        }
    }
}

package com.ukeybridge.site.api;

import com.ukeybridge.site.testing.ApiClient;
import com.ukeybridge.site.testing.ApiClient.Answer;
import com.ukeybridge.site.testing.SiteFixture;
import com.ukeybridge.site.testing.SiteFixture.OldCertificate;
import com.ukeybridge.site.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a browser gets besides the answer, and which requests the API refuses before reading them. */
class HttpHardeningTest {
    private static SiteFixture fixture;
    private static OldCertificate old;

    @BeforeAll
    static void startSite() {
        fixture = new SiteFixture(TestDatabases.h2());
        old = fixture.importedCertificate(SiteFixture.START.plus(Duration.ofDays(30)));
    }

    @AfterAll
    static void stopSite() {
        fixture.close();
    }

    @Test
    void whenAPageOrAnApiAnswerIsServed_thenItCarriesTheSecurityHeaders() {
        for (String path : List.of("", "renew.html", "js/renew-page.js", "api/site", "crl")) {
            HttpResponse<byte[]> response = fixture.api.raw(fixture.api.request(path));

            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Security-Policy")).as(path).hasValueSatisfying(csp -> assertThat(csp)
                    .contains("default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "base-uri 'none'",
                            "connect-src 'self' wss://127.0.0.1:28443 wss://localhost:28443")
                    .doesNotContain("unsafe-inline", "unsafe-eval"));
            assertThat(response.headers().firstValue("X-Frame-Options")).contains("DENY");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(response.headers().firstValue("Referrer-Policy")).contains("no-referrer");
            assertThat(response.headers().firstValue("Permissions-Policy")).hasValueSatisfying(p -> assertThat(p).contains("camera=()"));
            assertThat(response.headers().firstValue("Strict-Transport-Security")).as("plain HTTP: no HSTS").isEmpty();
        }
    }

    @Test
    void whenThePagesAreServed_thenTheyHaveNoInlineScriptOrStyleTheCspWouldBlock() {
        for (String page : List.of("", "renew.html", "download.html")) {
            String html = new String(fixture.api.raw(fixture.api.request(page)).body(), StandardCharsets.UTF_8);

            assertThat(html).as(page).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>").doesNotContain("<style", " style=", "javascript:")
                    .doesNotContainPattern("\\son[a-z]+=");
        }
    }

    @Test
    void whenAStateChangingRequestIsNotJson_then415AndNothingRecorded() {
        long audit = fixture.count("SELECT COUNT(*) FROM audit_events");
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x")) {
            Answer answer = post("api/renewals", type, null, "{\"certificate\":\"" + old.der() + "\"}");

            assertThat(answer.status()).as(type).isEqualTo(415);
            assertThat(answer.reason()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
            assertThat(answer.body().at("/message/zh").asText()).isNotBlank();
        }
        assertThat(fixture.count("SELECT COUNT(*) FROM audit_events")).isEqualTo(audit);
        assertThat(post("api/renewals", "application/json; charset=utf-8", null, "{\"certificate\":\"" + old.der() + "\"}").status()).isEqualTo(200);
    }

    @Test
    void whenAnotherSitesPagePosts_then403AndTheSitesOwnOriginIsAccepted() {
        URI base = fixture.site.baseUri();
        String own = base.getScheme() + "://" + base.getHost() + ":" + base.getPort();

        Answer foreign = post("api/renewals", "application/json", "https://evil.example", "{\"certificate\":\"" + old.der() + "\"}");
        Answer ownOrigin = post("api/renewals", "application/json", own, "{\"certificate\":\"" + old.der() + "\"}");

        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.reason()).isEqualTo("ORIGIN_REFUSED");
        assertThat(ownOrigin.status()).isEqualTo(200);
        assertThat(fixture.site.ra().auditEvents()).anyMatch(e -> e.action().equals("REQUEST_REFUSED") && e.detail().equals("ORIGIN_REFUSED"));
    }

    @Test
    void whenAProofIsRefused_thenTheRefusalIsAuditedThoughNothingElseIsKept() {
        Answer offer = fixture.startRenewal(old);
        OldCertificate stranger = fixture.oldCertificate(SiteFixture.START.plus(Duration.ofDays(30)));

        Answer refused = fixture.issueRenewal(offer, stranger, com.ukeybridge.site.testing.TestKeys.ec());

        assertThat(refused.reason()).isEqualTo("PROOF_INVALID");
        assertThat(fixture.site.ra().auditEvents()).anyMatch(e -> e.action().equals("REQUEST_REFUSED") && e.detail().equals("PROOF_INVALID")
                && e.target().endsWith("/certificate"));
        assertThat(fixture.site.ra().verifyAudit().intact()).isTrue();
    }

    private static Answer post(String path, String type, String origin, String body) {
        HttpRequest.Builder request = fixture.api.request(path).header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return ApiClient.answer(fixture.api.raw(request));
    }
}

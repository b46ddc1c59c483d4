package com.ukeybridge.site.api;

import com.ukeybridge.site.config.AddressRange;
import com.ukeybridge.site.config.RateLimitSettings;
import com.ukeybridge.site.testing.ApiClient;
import com.ukeybridge.site.testing.ApiClient.Answer;
import com.ukeybridge.site.testing.SiteFixture;
import com.ukeybridge.site.testing.TestDatabases;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The API's rate limits: per client address (behind a trusted proxy, the forwarded one) and in all, 429 with Retry-After. */
class RateLimitApiTest {
    private static final String CHECK = "{\"referenceNumber\":\"999999999999\",\"authorizationCode\":\"ABCD-EFGH-JKMN-PQRS\"}";

    @Test
    void whenOneClientChecksTooManyCodes_then429WithRetryAfterAndNothingAuditedUntilTheMinuteRefills() {
        RateLimitSettings.Limit codes = new RateLimitSettings.Limit(3, 100);
        try (SiteFixture fixture = new SiteFixture(TestDatabases.h2(), c -> c.withRateLimits(
                new RateLimitSettings(codes, codes, codes, List.of())))) {
            for (int i = 0; i < 3; i++) {
                assertThat(check(fixture, Optional.empty()).statusCode()).isEqualTo(403);
            }
            long audited = fixture.count("SELECT COUNT(*) FROM audit_events");

            HttpResponse<byte[]> limited = check(fixture, Optional.empty());
            Answer answer = ApiClient.answer(limited);

            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isBetween(1, 60));
            assertThat(answer.reason()).isEqualTo("RATE_LIMITED");
            assertThat(answer.body().at("/message/zh").asText()).contains("请求过于频繁");
            assertThat(answer.body().at("/message/en").asText()).contains("Too many requests");
            assertThat(fixture.count("SELECT COUNT(*) FROM audit_events")).isEqualTo(audited);

            fixture.clock.advance(Duration.ofSeconds(20));
            assertThat(check(fixture, Optional.empty()).statusCode()).isEqualTo(403);
        }
    }

    @Test
    void whenBehindATrustedProxy_thenEachForwardedClientHasItsOwnLimitAndAForgedHopIsIgnored() {
        RateLimitSettings.Limit codes = new RateLimitSettings.Limit(1, 100);
        try (SiteFixture fixture = new SiteFixture(TestDatabases.h2(), c -> c.withRateLimits(
                new RateLimitSettings(codes, codes, codes, List.of(AddressRange.parse("trustedProxies", "127.0.0.1")))))) {
            assertThat(check(fixture, Optional.of("203.0.113.7")).statusCode()).isEqualTo(403);
            assertThat(check(fixture, Optional.of("203.0.113.8")).statusCode()).isEqualTo(403);
            assertThat(check(fixture, Optional.of("203.0.113.7")).statusCode()).isEqualTo(429);
            // The client wrote a hop of its own in front: the proxy's entry (the last) is what counts.
            assertThat(check(fixture, Optional.of("198.51.100.1, 203.0.113.7")).statusCode()).isEqualTo(429);
        }
    }

    @Test
    void whenEveryoneTogetherExceedsTheGlobalLimit_then429ForANewClientToo() {
        RateLimitSettings.Limit codes = new RateLimitSettings.Limit(10, 2);
        try (SiteFixture fixture = new SiteFixture(TestDatabases.h2(), c -> c.withRateLimits(
                new RateLimitSettings(codes, codes, codes, List.of(AddressRange.parse("trustedProxies", "127.0.0.1")))))) {
            check(fixture, Optional.of("203.0.113.1"));
            check(fixture, Optional.of("203.0.113.2"));

            assertThat(check(fixture, Optional.of("203.0.113.3")).statusCode()).isEqualTo(429);
        }
    }

    @Test
    void whenChallengesAreAskedTooOften_then429() {
        RateLimitSettings.Limit one = new RateLimitSettings.Limit(1, 100);
        RateLimitSettings.Limit many = new RateLimitSettings.Limit(100, 100);
        try (SiteFixture fixture = new SiteFixture(TestDatabases.h2(), c -> c.withRateLimits(new RateLimitSettings(one, many, many, List.of())))) {
            SiteFixture.OldCertificate old = fixture.importedCertificate(SiteFixture.START.plus(Duration.ofDays(30)));

            assertThat(fixture.startRenewal(old).status()).isEqualTo(200);
            assertThat(fixture.startRenewal(old).status()).isEqualTo(429);
            assertThat(fixture.api.post("api/downloads", Map.of("referenceNumber", "1", "authorizationCode", "A")).status()).isEqualTo(403);
        }
    }

    private static HttpResponse<byte[]> check(SiteFixture fixture, Optional<String> forwardedFor) {
        HttpRequest.Builder request = fixture.api.request("api/downloads").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(CHECK));
        forwardedFor.ifPresent(f -> request.header("X-Forwarded-For", f));
        return fixture.api.raw(request);
    }
}

package com.ukeybridge.site.api;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.ukeybridge.site.testing.ApiClient.Answer;
import com.ukeybridge.site.testing.SiteFixture;
import com.ukeybridge.site.testing.SiteFixture.OldCertificate;
import com.ukeybridge.site.testing.TestDatabases;
import com.ukeybridge.token.testing.QuietLogs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A page's JSON body, any bytes, POSTed to each endpoint of the running site (H2 records):
 * the answer is 200 or one of the refusals docs/site-api.md lists, with the status it lists,
 * never {@code INTERNAL_ERROR}. The refusals are read from the document itself, so a refusal
 * the code gives and the document does not list is a finding too.
 *
 * <p>Input: the first byte picks the endpoint (and, for a renewal's own endpoints, whether
 * its id is that of a started renewal); the rest is the body. {@code $CERT} in it stands for
 * the base64 DER of an imported certificate inside its renewal window, so that the committed
 * inputs reach past the certificate lookup. The test's own HTTP client is what connects, so
 * the pom turns Jazzer's SSRF detector off for this target.
 */
class SiteApiFuzzTest {
    private static final List<String> ENDPOINTS = List.of(
            "api/renewals", "api/renewals/%s/certificate", "api/renewals/%s/completion",
            "api/downloads", "api/downloads/certificate", "api/downloads/completion");
    private static final Pattern REFUSAL_ROW = Pattern.compile("^\\| (\\d{3}) \\| ([A-Z_]+) \\|", Pattern.MULTILINE);

    private static QuietLogs quiet;
    private static SiteFixture fixture;
    private static String certificate;
    private static String renewalId;
    private static Map<String, Integer> documented;

    @BeforeAll
    static void startSite() throws IOException {
        documented = documentedRefusals(Files.readString(Path.of("..", "docs", "site-api.md")));
        documented.remove("INTERNAL_ERROR");
        quiet = new QuietLogs();
        fixture = new SiteFixture(TestDatabases.h2());
        OldCertificate old = fixture.importedCertificate(SiteFixture.START.plus(Duration.ofDays(20)));
        certificate = old.der();
        Answer offer = fixture.startRenewal(old);
        assertThat(offer.status()).isEqualTo(200);
        renewalId = offer.body().get("renewalId").asText();
    }

    @AfterAll
    static void stopSite() {
        if (fixture != null) {
            fixture.close();
        }
        quiet.close();
    }

    @FuzzTest
    void whenAnyBodyIsPosted_thenTheAnswerIsOneTheApiLists(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int pick = input[0] & 0xff;
        String path = ENDPOINTS.get(pick % ENDPOINTS.size()).formatted((pick & 0x80) != 0 ? renewalId : "r" + pick);
        String body = new String(input, 1, input.length - 1, StandardCharsets.UTF_8).replace("$CERT", certificate);

        Answer answer = fixture.api.post(path, body);

        if (answer.status() != 200) {
            assertThat(documented).as("POST /%s answered %d %s", path, answer.status(), answer.body())
                    .containsEntry(answer.reason(), answer.status());
        }
    }

    static Map<String, Integer> documentedRefusals(String document) {
        Map<String, Integer> refusals = new HashMap<>();
        Matcher row = REFUSAL_ROW.matcher(document);
        while (row.find()) {
            refusals.put(row.group(2), Integer.parseInt(row.group(1)));
        }
        assertThat(refusals).as("the refusal table of docs/site-api.md").containsKey("BAD_REQUEST");
        return refusals;
    }
}

package com.ukeybridge.agent.view;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ukeybridge.token.testing.QuietLogs;
import com.ukeybridge.token.ObjectId;
import com.ukeybridge.token.StoredCertificate;
import com.ukeybridge.token.Token;
import com.ukeybridge.token.testing.TokenFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A certificate object as a token may hold it (any {@code CKA_ID}, {@code CKA_LABEL} and
 * {@code CKA_VALUE}), rendered as {@code listTokens} shows it in protocol v1 or v2: listed as a certificate or
 * skipped as not X.509, and never an exception, so one odd object cannot hide a whole token.
 */
@Tag("softhsm")
class TokenCertificateFuzzTest {
    private static QuietLogs quiet;
    private static TokenFixture tokens;
    private static Token token;
    private static final TokenViews views = new TokenViews(Clock.fixed(Instant.parse("2027-01-01T00:00:00Z"), ZoneOffset.UTC), 30);

    @BeforeAll
    static void openToken() {
        quiet = new QuietLogs();
        tokens = TokenFixture.open("Fuzz Key");
        token = tokens.token();
    }

    @AfterAll
    static void closeToken() {
        if (tokens != null) {
            tokens.close();
        }
        quiet.close();
    }

    @FuzzTest
    void whenATokenHoldsAnyCertificateObject_thenItIsListedOrSkipped(FuzzedDataProvider data) {
        ObjectId id = ObjectId.of(data.consumeBytes(data.consumeInt(0, 64)));
        String label = data.consumeString(64);
        boolean loggedIn = data.consumeBoolean();
        int protocol = data.consumeBoolean() ? 2 : 1;
        byte[] der = data.consumeRemainingAsBytes();
        StoredCertificate stored = new StoredCertificate(id, label, der);

        ObjectNode view = views.render(new TokenSnapshot(token, token.info(), List.of(stored), loggedIn, Set.of(id), Optional.empty()), loggedIn, protocol);

        assertThat(view.get("certificates").size()).isLessThanOrEqualTo(1);
        assertThat(CertIds.of(stored)).isNotEmpty();
    }
}

package com.ukeybridge.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.ukeybridge.token.KeyAlgorithm;
import com.ukeybridge.token.Token;
import com.ukeybridge.token.testing.FaultInjectingCryptoki;
import com.ukeybridge.token.testing.Pkcs11ToolObjects;
import com.ukeybridge.token.testing.Pkcs11ToolObjects.Listed;
import com.ukeybridge.token.testing.TestCertificates;
import com.ukeybridge.token.testing.TestCertificates.Provisioned;
import com.ukeybridge.token.testing.TokenFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKR_DEVICE_ERROR;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKR_DEVICE_MEMORY;
import static org.assertj.core.api.Assertions.assertThat;

/** What a page sees when the token or its PKCS#11 library fails, with faults injected under the real SoftHSM2. */
@Tag("softhsm")
class TokenFailuresTest {
    private static final String LABEL = "Clerk Key";
    private static final String SPARE = "Spare Key";
    private static final String SUBJECT = "CN=张三,OU=机构编制,O=山东省示例事业单位,C=CN";
    private static final Duration BUSY_TIMEOUT = Duration.ofMillis(300);
    private static final byte[] CHALLENGE = "challenge-7f3a".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private TokenFixture tokens;
    private RunningAgent agent;
    private AgentClient page;
    private Provisioned ec;
    private String tokenId;

    @BeforeEach
    void start() {
        tokens = TokenFixture.open(BUSY_TIMEOUT, LABEL, SPARE);
        Token token = tokens.token(LABEL);
        ec = TestCertificates.provision(token, TokenFixture.PIN.toCharArray(), KeyAlgorithm.EC_P256, SUBJECT, Duration.ofDays(200));
        token.logout();
        tokenId = token.id().value();
        agent = RunningAgent.start(tokens, dir);
        page = agent.connect();
    }

    @AfterEach
    void stop() {
        page.close();
        agent.close();
        tokens.close();
    }

    private void login(AgentClient client) {
        assertThat(client.result("verifyPin", Map.of("tokenId", tokenId, "pin", TokenFixture.PIN)).get("loggedIn").asBoolean()).isTrue();
    }

    private Map<String, String> signParams() {
        return Map.of("tokenId", tokenId, "certId", ec.id().hex(), "algorithm", "SHA256withECDSA",
                "data", Base64.getEncoder().encodeToString(CHALLENGE));
    }

    private boolean verifies(JsonNode signResult) throws Exception {
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(ec.certificate());
        verifier.update(CHALLENGE);
        return verifier.verify(Base64.getDecoder().decode(signResult.get("signature").asText()));
    }

    private static void assertError(JsonNode error, int code, String reason) {
        assertThat(error.get("code").asInt()).isEqualTo(code);
        assertThat(error.get("data").get("reason").asText()).isEqualTo(reason);
    }

    private List<Listed> objects() {
        return Pkcs11ToolObjects.list(tokens.hsm(), LABEL, TokenFixture.PIN);
    }

    private static List<String> tokenIds(JsonNode tokensChanged) {
        assertThat(tokensChanged.get("method").asText()).isEqualTo("tokensChanged");
        assertThat(tokensChanged.has("id")).isFalse();
        List<String> ids = new ArrayList<>();
        tokensChanged.get("params").get("tokens").forEach(t -> ids.add(t.get("tokenId").asText()));
        return ids;
    }

    private JsonNode listed(AgentClient client) {
        for (JsonNode token : client.result("listTokens", Map.of()).get("tokens")) {
            if (token.get("tokenId").asText().equals(tokenId)) {
                return token;
            }
        }
        throw new AssertionError("token " + tokenId + " not listed");
    }

    @Test
    void whenThePinIsLocked_thenPinLockedAndTheTokenListsItsPinAsLocked() {
        tokens.faults().pinLocked(true);

        JsonNode error = page.error("verifyPin", Map.of("tokenId", tokenId, "pin", TokenFixture.PIN));

        assertError(error, 1003, "PIN_LOCKED");
        JsonNode token = listed(page);
        assertThat(token.get("loggedIn").asBoolean()).isFalse();
        assertThat(token.get("pin").get("locked").asBoolean()).isTrue();
        assertError(page.error("sign", signParams()), 1004, "LOGIN_REQUIRED");
    }

    @Test
    void whenSigningFailsWithADeviceError_thenTokenErrorNamesTheCkrAndTheConnectionCarriesOn() throws Exception {
        login(page);
        tokens.faults().failNext("C_Sign", CKR_DEVICE_ERROR);

        JsonNode error = page.error("sign", signParams());

        assertError(error, 1008, "TOKEN_ERROR");
        assertThat(error.get("data").get("ckr").asText()).isEqualTo("CKR_DEVICE_ERROR");
        assertThat(page.result("getInfo", Map.of()).get("protocol").asInt()).isEqualTo(1);
        assertThat(listed(page).get("loggedIn").asBoolean()).isTrue();
        assertThat(verifies(page.result("sign", signParams()))).isTrue();
    }

    @Test
    void whenTheTokenHasNoRoomForANewKey_thenTokenFullAndNoHalfWrittenObjects() {
        login(page);
        List<Listed> before = objects();
        long generations = tokens.faults().count("C_GenerateKeyPair");
        tokens.faults().failNext("C_GenerateKeyPair", CKR_DEVICE_MEMORY);

        JsonNode error = page.error("signCsr", Map.of("tokenId", tokenId, "keyAlgorithm", "EC-P256", "subject", SUBJECT));

        assertError(error, 1011, "TOKEN_FULL");
        assertThat(tokens.faults().count("C_GenerateKeyPair")).isEqualTo(generations + 1);
        assertThat(objects()).isEqualTo(before).hasSize(3);
        String keyId = page.result("signCsr", Map.of("tokenId", tokenId, "keyAlgorithm", "EC-P256", "subject", SUBJECT))
                .get("keyId").asText();
        assertThat(objects()).hasSize(5).filteredOn(o -> o.id().equals(keyId)).hasSize(2);
    }

    @Test
    void whenTheNewKeyCannotSignItsRequest_thenTokenErrorAndTheNewKeyPairIsRemovedAgain() {
        login(page);
        List<Listed> before = objects();
        long generations = tokens.faults().count("C_GenerateKeyPair");
        tokens.faults().failNext("C_Sign", CKR_DEVICE_ERROR);

        JsonNode error = page.error("signCsr", Map.of("tokenId", tokenId, "keyAlgorithm", "RSA-2048", "subject", SUBJECT));

        assertError(error, 1008, "TOKEN_ERROR");
        assertThat(error.get("data").get("ckr").asText()).isEqualTo("CKR_DEVICE_ERROR");
        assertThat(tokens.faults().count("C_GenerateKeyPair")).isEqualTo(generations + 1);
        assertThat(tokens.faults().count("C_DestroyObject")).isEqualTo(2);
        assertThat(objects()).isEqualTo(before);
    }

    @Test
    void whenAnotherOperationHoldsTheTokenPastTheBusyTimeout_thenTokenBusyAndTheHolderCompletes() throws Exception {
        login(page);
        try (AgentClient other = agent.connect()) {
            login(other);
            long generations = tokens.faults().count("C_GenerateKeyPair");
            FaultInjectingCryptoki.Gate gate = tokens.faults().hold("C_Sign");
            CompletableFuture<JsonNode> holding = page.send("sign", signParams());
            JsonNode busySign;
            JsonNode busySignCsr;
            try {
                gate.awaitEntered();
                busySign = other.call("sign", signParams());
                busySignCsr = other.call("signCsr", Map.of("tokenId", tokenId, "keyAlgorithm", "EC-P256", "subject", SUBJECT));
            } finally {
                gate.release();
            }

            assertError(busySign.get("error"), 1009, "TOKEN_BUSY");
            assertError(busySignCsr.get("error"), 1009, "TOKEN_BUSY");
            JsonNode held = holding.get(30, TimeUnit.SECONDS);
            assertThat(held.has("result")).as("%s", held).isTrue();
            assertThat(verifies(held.get("result"))).isTrue();
            assertThat(tokens.faults().count("C_GenerateKeyPair")).isEqualTo(generations);
            assertThat(verifies(other.result("sign", signParams()))).isTrue();
        }
    }

    @Test
    void whenTheTokenIsRemovedAndReinserted_thenItIsNotFoundMeanwhileNotifiedBothWaysAndTheLoginIsGone() throws Exception {
        login(page);
        try (AgentClient watcher = agent.connect()) {
            // As a page would on opening: one answer also proves the agent has taken the connection on.
            assertThat(watcher.result("listTokens", Map.of()).get("tokens")).hasSize(2);
            watcher.drainNotifications();

            tokens.faults().hideToken(LABEL);
            tokens.registry().refresh();

            List<String> afterRemoval = tokenIds(watcher.nextNotification(Duration.ofMinutes(1)));
            assertThat(afterRemoval).doesNotContain(tokenId).hasSize(1);
            assertError(page.error("sign", signParams()), 1001, "TOKEN_NOT_FOUND");
            assertError(page.error("verifyPin", Map.of("tokenId", tokenId, "pin", TokenFixture.PIN)), 1001, "TOKEN_NOT_FOUND");
            assertError(page.error("signCsr", Map.of("tokenId", tokenId, "keyAlgorithm", "EC-P256", "subject", SUBJECT)),
                    1001, "TOKEN_NOT_FOUND");
            assertThat(page.result("listTokens", Map.of()).get("tokens")).extracting(t -> t.get("tokenId").asText())
                    .doesNotContain(tokenId);

            tokens.faults().showToken(LABEL);
            tokens.registry().refresh();

            List<String> afterReinsertion = tokenIds(watcher.nextNotification(Duration.ofMinutes(1)));
            assertThat(afterReinsertion).contains(tokenId).hasSize(2);
            assertThat(listed(page).get("loggedIn").asBoolean()).isFalse();
            assertError(page.error("sign", signParams()), 1004, "LOGIN_REQUIRED");
            login(page);
            assertThat(verifies(page.result("sign", signParams()))).isTrue();
        }
    }
}

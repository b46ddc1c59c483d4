package com.ukeybridge.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.ukeybridge.agent.prompt.HeadlessPrompts;
import com.ukeybridge.agent.prompt.PinRequest;
import com.ukeybridge.agent.prompt.UserPrompts;
import com.ukeybridge.token.KeyAlgorithm;
import com.ukeybridge.token.Token;
import com.ukeybridge.token.testing.TestCertificates;
import com.ukeybridge.token.testing.TestCertificates.Provisioned;
import com.ukeybridge.token.testing.TokenFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKF_USER_PIN_COUNT_LOW;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKF_USER_PIN_FINAL_TRY;
import static org.assertj.core.api.Assertions.assertThat;

/** verifyPin of protocol v2 over wss on SoftHSM2: where the PIN may come from, the last tries, and one connection's wrong PIN. */
@Tag("softhsm")
class VerifyPinV2Test {
    private static final byte[] CHALLENGE = new byte[32];

    @TempDir
    Path dir;

    private TokenFixture tokens;
    private RunningAgent agent;
    private Provisioned ec;
    private String tokenId;

    @BeforeEach
    void provision() {
        tokens = TokenFixture.open("Clerk Key");
        Token token = tokens.token("Clerk Key");
        ec = TestCertificates.provision(token, TokenFixture.PIN.toCharArray(), KeyAlgorithm.EC_P256, "CN=Clerk,C=CN", Duration.ofDays(30));
        token.logout();
        tokenId = token.id().value();
    }

    @AfterEach
    void stop() {
        tokens.faults().addTokenFlags(0);
        if (agent != null) {
            agent.close();
        }
        tokens.close();
    }

    private void startAgent(UserPrompts prompts, boolean pagePin) {
        agent = RunningAgent.start(tokens, dir, prompts,
                RunningAgent.configured(List.of(RunningAgent.ORIGIN), false, List.of(2), pagePin, Map.of()));
    }

    private long tokenPinCalls() {
        return tokens.faults().count("C_Login") + tokens.faults().count("C_SetPIN") + tokens.faults().count("C_Logout");
    }

    private boolean canProve(AgentClient page) {
        return page.call("proveKey", Map.of("tokenId", tokenId, "certId", ec.id().hex(),
                "challenge", ProveKeyTest.b64(CHALLENGE))).has("result");
    }

    @Test
    void whenTheAgentHasADisplay_thenAPagePinIsRefusedAndTheTokenIsNotAsked() {
        startAgent(new ScriptedPrompts().answeringPin(TokenFixture.PIN), true);
        try (AgentClient page = agent.connect(2)) {
            assertThat(page.result("getInfo", Map.of()).get("pinEntry").asText()).isEqualTo("agent");
            long before = tokenPinCalls();

            JsonNode error = page.error("verifyPin", Map.of("tokenId", tokenId, "pin", TokenFixture.PIN));

            assertThat(error.get("code").asInt()).isEqualTo(1014);
            assertThat(error.get("data").get("reason").asText()).isEqualTo("PIN_ENTRY_IN_AGENT");
            assertThat(tokenPinCalls()).isEqualTo(before);
            assertThat(canProve(page)).isFalse();
        }
    }

    @Test
    void whenTheAgentHasADisplay_thenItAsksInItsDialogShowingOriginKeyAndTries() {
        ScriptedPrompts prompts = new ScriptedPrompts().answeringPin(TokenFixture.PIN);
        startAgent(prompts, false);
        tokens.faults().addTokenFlags(CKF_USER_PIN_FINAL_TRY);
        try (AgentClient page = agent.connect(2)) {
            assertThat(page.result("verifyPin", Map.of("tokenId", tokenId)).get("loggedIn").asBoolean()).isTrue();

            assertThat(prompts.pinRequests()).containsExactly(new PinRequest(RunningAgent.ORIGIN, "Clerk Key", false, true));
            assertThat(canProve(page)).isTrue();
        }
    }

    @Test
    void whenTheAgentIsHeadlessWithoutPagePin_thenNoPinIsTaken() {
        startAgent(new HeadlessPrompts(), false);
        try (AgentClient page = agent.connect(2)) {
            assertThat(page.result("getInfo", Map.of()).get("pinEntry").asText()).isEqualTo("none");

            assertThat(page.error("verifyPin", Map.of("tokenId", tokenId, "pin", TokenFixture.PIN)).get("code").asInt()).isEqualTo(1014);
            assertThat(page.error("verifyPin", Map.of("tokenId", tokenId)).get("code").asInt()).isEqualTo(1014);
        }
    }

    @Test
    void whenTheTokenReportsTheFinalTry_thenAPagePinIsNotSubmittedAndTheErrorSaysSo() {
        startAgent(new HeadlessPrompts(), true);
        tokens.faults().addTokenFlags(CKF_USER_PIN_FINAL_TRY);
        try (AgentClient page = agent.connect(2)) {
            long before = tokenPinCalls();

            JsonNode error = page.error("verifyPin", Map.of("tokenId", tokenId, "pin", "000000"));

            assertThat(error.get("code").asInt()).isEqualTo(1015);
            assertThat(error.get("data").get("reason").asText()).isEqualTo("PIN_TRIES_LOW");
            assertThat(error.get("data").get("finalTry").asBoolean()).isTrue();
            assertThat(tokenPinCalls()).as("the token was not asked").isEqualTo(before);
        }
    }

    @Test
    void whenTheTokenReportsALowCount_thenAPagePinIsNotSubmittedEvenIfRight() {
        startAgent(new HeadlessPrompts(), true);
        tokens.faults().addTokenFlags(CKF_USER_PIN_COUNT_LOW);
        try (AgentClient page = agent.connect(2)) {
            long before = tokenPinCalls();

            JsonNode error = page.error("verifyPin", Map.of("tokenId", tokenId, "pin", TokenFixture.PIN));

            assertThat(error.get("data").get("reason").asText()).isEqualTo("PIN_TRIES_LOW");
            assertThat(error.get("data").get("countLow").asBoolean()).isTrue();
            assertThat(error.get("data").get("finalTry").asBoolean()).isFalse();
            assertThat(tokenPinCalls()).isEqualTo(before);
            assertThat(tokens.token("Clerk Key").isLoggedIn()).isFalse();
        }
    }

    @Test
    void whenOneConnectionSendsAWrongPin_thenAnotherStaysLoggedIn() {
        startAgent(new HeadlessPrompts(), true);
        try (AgentClient a = agent.connect(2); AgentClient b = agent.connect(2)) {
            a.result("verifyPin", Map.of("tokenId", tokenId, "pin", TokenFixture.PIN));

            JsonNode error = b.error("verifyPin", Map.of("tokenId", tokenId, "pin", "000000"));

            assertThat(error.get("data").get("reason").asText()).isEqualTo("PIN_INCORRECT");
            assertThat(canProve(a)).isTrue();
            assertThat(canProve(b)).isFalse();
        }
    }

    @Test
    void whenASecondConnectionSendsTheRightPin_thenBothAreLoggedIn() {
        startAgent(new HeadlessPrompts(), true);
        try (AgentClient a = agent.connect(2); AgentClient b = agent.connect(2)) {
            a.result("verifyPin", Map.of("tokenId", tokenId, "pin", TokenFixture.PIN));
            long logouts = tokens.faults().count("C_Logout");

            b.result("verifyPin", Map.of("tokenId", tokenId, "pin", TokenFixture.PIN));

            assertThat(tokens.faults().count("C_Logout")).isEqualTo(logouts);
            assertThat(canProve(a)).isTrue();
            assertThat(canProve(b)).isTrue();
        }
    }

    @Test
    void whenALoggedInConnectionSendsAWrongPin_thenOnlyItIsLoggedOut() {
        startAgent(new HeadlessPrompts(), true);
        try (AgentClient a = agent.connect(2); AgentClient b = agent.connect(2)) {
            a.result("verifyPin", Map.of("tokenId", tokenId, "pin", TokenFixture.PIN));
            b.result("verifyPin", Map.of("tokenId", tokenId, "pin", TokenFixture.PIN));

            b.error("verifyPin", Map.of("tokenId", tokenId, "pin", "000000"));

            assertThat(canProve(a)).isTrue();
            assertThat(canProve(b)).isFalse();
        }
    }

    /** The PIN dialogs stay up until released, as a user who is away leaves them. */
    private static final class UnansweredDialogs implements UserPrompts {
        final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        final java.util.concurrent.atomic.AtomicInteger shown = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public boolean canAsk() {
            return true;
        }

        @Override
        public Optional<char[]> askPin(PinRequest request) {
            shown.incrementAndGet();
            try {
                release.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Optional.empty();
        }

        @Override
        public boolean confirmWrite(com.ukeybridge.agent.prompt.WriteRequest request) {
            return false;
        }
    }

    @Test
    void whenOneDialogIsUpAndFourWait_thenTheNextVerifyPinIsTooManyDialogs() throws Exception {
        UnansweredDialogs dialogs = new UnansweredDialogs();
        startAgent(dialogs, false);
        List<AgentClient> pages = new java.util.ArrayList<>();
        try {
            List<java.util.concurrent.CompletableFuture<JsonNode>> waiting = new java.util.ArrayList<>();
            for (int i = 0; i < 1 + com.ukeybridge.agent.prompt.DialogQueue.MAX_QUEUED; i++) {
                AgentClient page = agent.connect(2);
                pages.add(page);
                waiting.add(page.send("verifyPin", Map.of("tokenId", tokenId)));
            }
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            JsonNode error = null;
            try (AgentClient last = agent.connect(2)) {
                // The five must all be queued first; until they are, a sixth may still be let in line.
                while (error == null && System.nanoTime() < deadline) {
                    java.util.concurrent.CompletableFuture<JsonNode> sixth = last.send("verifyPin", Map.of("tokenId", tokenId));
                    JsonNode answer = sixth.completeOnTimeout(null, 200, java.util.concurrent.TimeUnit.MILLISECONDS).join();
                    if (answer != null && answer.path("error").path("code").asInt() == 1018) {
                        error = answer.get("error");
                    }
                }
            }
            assertThat(error).as("TOO_MANY_DIALOGS within 10 s").isNotNull();
            assertThat(error.get("data").get("reason").asText()).isEqualTo("TOO_MANY_DIALOGS");
            assertThat(dialogs.shown.get()).isEqualTo(1);
            dialogs.release.countDown();
            for (java.util.concurrent.CompletableFuture<JsonNode> answer : waiting) {
                assertThat(answer.join().path("error").path("code").asInt()).isEqualTo(1005);
            }
        } finally {
            dialogs.release.countDown();
            pages.forEach(AgentClient::close);
        }
    }
}

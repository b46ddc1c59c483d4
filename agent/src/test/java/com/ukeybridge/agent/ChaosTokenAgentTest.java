package com.ukeybridge.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.ukeybridge.token.KeyAlgorithm;
import com.ukeybridge.token.Token;
import com.ukeybridge.token.testing.ChaosToken;
import com.ukeybridge.token.testing.ChaosToken.Command;
import com.ukeybridge.token.testing.ChaosToken.Moment;
import com.ukeybridge.token.testing.ChaosToken.PinState;
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
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a page sees over wss when the key itself misbehaves: the chaos token (our PKCS#11 module
 * in front of SoftHSM2) runs its PIN counter down and is pulled out in the middle of a signature.
 */
@Tag("softhsm")
class ChaosTokenAgentTest {
    private static final String LABEL = "Clerk Key";
    private static final String WRONG_PIN = "000000";

    @TempDir
    Path dir;

    private TokenFixture tokens;
    private ChaosToken chaos;
    private RunningAgent agent;
    private AgentClient page;
    private Provisioned ec;
    private String tokenId;

    @BeforeEach
    void start() {
        tokens = TokenFixture.openChaos(LABEL);
        chaos = tokens.chaos();
        Token token = tokens.token(LABEL);
        ec = TestCertificates.provision(token, TokenFixture.PIN.toCharArray(), KeyAlgorithm.EC_P256, "CN=张三,C=CN", Duration.ofDays(200));
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

    @Test
    void whenThePinCounterIsAtItsFinalTry_thenThePageSeesFinalTryAndOneWrongPinLocksIt() {
        chaos.set(Command.pin(PinState.FINAL_TRY));
        tokens.registry().refresh();
        assertThat(pin()).isEqualTo(Map.of("countLow", true, "finalTry", true, "locked", false));

        JsonNode wrong = page.error("verifyPin", Map.of("tokenId", tokenId, "pin", WRONG_PIN));
        assertThat(wrong.get("code").asInt()).isEqualTo(1002);

        assertThat(pin()).isEqualTo(Map.of("countLow", false, "finalTry", false, "locked", true));
        assertThat(page.error("verifyPin", Map.of("tokenId", tokenId, "pin", TokenFixture.PIN)).get("code").asInt()).isEqualTo(1003);
    }

    @Test
    void whenTheKeyIsPulledOutDuringASignature_thenThePageIsToldAndAfterReinsertionSignsAgainOnceLoggedIn() {
        login();
        chaos.set(Command.removeAt(Moment.DURING, "C_Sign", 1));

        JsonNode failed = page.error("sign", signParams());
        assertThat(failed.get("code").asInt()).as("the key is gone: %s", failed).isEqualTo(1001);
        tokens.registry().refresh();
        assertThat(page.result("listTokens", Map.of()).get("tokens")).isEmpty();

        chaos.insert();
        tokens.registry().refresh();
        assertThat(page.error("sign", signParams()).get("code").asInt()).as("pulling the key out ended its login").isEqualTo(1004);
        login();
        assertThat(page.result("sign", signParams()).get("signature").asText()).isNotEmpty();
    }

    private void login() {
        assertThat(page.result("verifyPin", Map.of("tokenId", tokenId, "pin", TokenFixture.PIN)).get("loggedIn").asBoolean()).isTrue();
    }

    private Map<String, Boolean> pin() {
        JsonNode pin = page.result("listTokens", Map.of()).get("tokens").get(0).get("pin");
        return Map.of("countLow", pin.get("countLow").asBoolean(), "finalTry", pin.get("finalTry").asBoolean(),
                "locked", pin.get("locked").asBoolean());
    }

    private Map<String, String> signParams() {
        return Map.of("tokenId", tokenId, "certId", ec.id().hex(), "algorithm", "SHA256withECDSA",
                "data", Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}));
    }
}

package com.ukeybridge.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.ukeybridge.token.KeyAlgorithm;
import com.ukeybridge.token.Token;
import com.ukeybridge.token.testing.TestCertificates;
import com.ukeybridge.token.testing.TestCertificates.Provisioned;
import com.ukeybridge.token.testing.TokenFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** What one connection does to another: logins, notifications, idle and disconnect logouts, restarts. */
@Tag("softhsm")
class ConnectionsTest {
    @TempDir
    Path dir;

    private TokenFixture tokens;
    private RunningAgent agent;
    private Provisioned certificate;
    private String tokenId;
    private final List<AgentClient> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        tokens = TokenFixture.open("Clerk Key");
        Token token = tokens.token();
        certificate = TestCertificates.provision(token, TokenFixture.PIN.toCharArray(), KeyAlgorithm.EC_P256,
                "CN=Wang Wu,O=Example,C=CN", Duration.ofDays(30));
        token.logout();
        tokenId = token.id().value();
        agent = RunningAgent.start(tokens, dir);
    }

    @AfterEach
    void stop() {
        clients.forEach(AgentClient::close);
        agent.close();
        tokens.close();
    }

    private AgentClient connect() {
        AgentClient client = agent.connect();
        clients.add(client);
        return client;
    }

    private void login(AgentClient client) {
        client.result("verifyPin", Map.of("tokenId", tokenId, "pin", TokenFixture.PIN));
    }

    private JsonNode sign(AgentClient client) {
        return client.call("sign", Map.of("tokenId", tokenId, "certId", certificate.id().hex(),
                "algorithm", "SHA256withECDSA", "data", Base64.getEncoder().encodeToString(new byte[32])));
    }

    private static String reason(JsonNode response) {
        return response.path("error").path("data").path("reason").asText("none");
    }

    private static JsonNode onlyToken(JsonNode tokenList) {
        assertThat(tokenList.get("tokens")).hasSize(1);
        return tokenList.get("tokens").get(0);
    }

    @Test
    void whenOneConnectionLogsIn_thenAnotherIsNotLoggedInAndSeesNoKeys() {
        AgentClient clerk = connect();
        AgentClient other = connect();
        login(clerk);

        JsonNode seenByOther = onlyToken(other.result("listTokens", Map.of()));
        assertThat(seenByOther.get("loggedIn").asBoolean()).isFalse();
        assertThat(seenByOther.get("certificates").get(0).get("hasPrivateKey").isNull()).isTrue();
        assertThat(reason(sign(other))).isEqualTo("LOGIN_REQUIRED");
        assertThat(sign(clerk).has("result")).isTrue();
    }

    @Test
    void whenTheOtherConnectionLogsOut_thenTheFirstStaysLoggedIn() {
        AgentClient first = connect();
        AgentClient second = connect();
        login(first);
        login(second);

        second.result("logout", Map.of("tokenId", tokenId));

        assertThat(sign(first).has("result")).isTrue();
        assertThat(reason(sign(second))).isEqualTo("LOGIN_REQUIRED");
    }

    @Test
    void whenAWrongPinIsTriedWhileAnotherConnectionIsLoggedIn_thenNobodyRidesOnThatLogin() {
        AgentClient clerk = connect();
        AgentClient intruder = connect();
        login(clerk);

        JsonNode error = intruder.error("verifyPin", Map.of("tokenId", tokenId, "pin", "999999"));

        assertThat(error.get("data").get("reason").asText()).isEqualTo("PIN_INCORRECT");
        assertThat(reason(sign(intruder))).isEqualTo("LOGIN_REQUIRED");
        // The token checked the wrong PIN for real, which ended the process-wide login: fail closed.
        assertThat(reason(sign(clerk))).isEqualTo("LOGIN_REQUIRED");
    }

    @Test
    void whenTheLastLoggedInConnectionCloses_thenTheTokenIsLoggedOut() throws Exception {
        AgentClient clerk = connect();
        login(clerk);
        assertThat(tokens.token().isLoggedIn()).isTrue();

        clerk.close();
        clients.remove(clerk);

        awaitTrue(() -> !tokens.token().isLoggedIn(), Duration.ofMinutes(1));
        assertThat(tokens.token().isLoggedIn()).isFalse();
    }

    @Test
    void whenALoginIdlesTenMinutes_thenItEnds() {
        AgentClient clerk = connect();
        login(clerk);
        agent.clock().advance(Duration.ofMinutes(9));
        assertThat(sign(clerk).has("result")).isTrue();

        agent.clock().advance(Duration.ofMinutes(9).plusSeconds(59));
        agent.agent().expireIdleLogins();
        assertThat(sign(clerk).has("result")).as("used 9:59 ago").isTrue();

        agent.clock().advance(Duration.ofMinutes(10));
        agent.agent().expireIdleLogins();
        assertThat(reason(sign(clerk))).isEqualTo("LOGIN_REQUIRED");
        assertThat(tokens.token().isLoggedIn()).isFalse();
    }

    @Test
    void whenACertificateIsWritten_thenEveryConnectionIsToldWithinTwoSeconds() throws Exception {
        AgentClient writer = connect();
        AgentClient watcher = connect();
        watcher.result("getInfo", Map.of()); // answered, so the agent has the connection before anything changes
        login(writer);
        JsonNode request = writer.result("signCsr", Map.of("tokenId", tokenId, "keyAlgorithm", "EC-P256", "subject", "CN=Wang Wu,O=Example,C=CN"));
        PublicKey newKey = new JcaPKCS10CertificationRequest(Base64.getDecoder().decode(request.get("csr").asText())).getPublicKey();
        X509Certificate renewed = certificate.ca().issue(newKey, "CN=Wang Wu,O=Example,C=CN", Instant.now().plus(Duration.ofDays(1820)));
        watcher.drainNotifications();

        writer.result("writeCert", Map.of("tokenId", tokenId, "certificate", Base64.getEncoder().encodeToString(renewed.getEncoded()),
                "replaces", certificate.id().hex()));

        JsonNode notification = watcher.nextNotification(Duration.ofMinutes(1));
        assertThat(notification.has("id")).isFalse();
        assertThat(notification.get("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(notification.get("method").asText()).isEqualTo("tokensChanged");
        JsonNode token = onlyToken(notification.get("params"));
        assertThat(token.get("loggedIn").asBoolean()).as("the watcher never logged in").isFalse();
        assertThat(token.get("certificates")).hasSize(1);
        assertThat(token.get("certificates").get(0).get("certId").asText()).isEqualTo(request.get("keyId").asText());
    }

    @Test
    void whenManyRequestsAreSentAtOnceOnOneConnection_thenEachIsAnsweredOnce() {
        AgentClient page = connect();
        login(page);
        List<CompletableFuture<JsonNode>> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            answers.add(i % 2 == 0
                    ? page.send("listTokens", Map.of())
                    : page.send("sign", Map.of("tokenId", tokenId, "certId", certificate.id().hex(),
                    "algorithm", "SHA256withECDSA", "data", Base64.getEncoder().encodeToString(new byte[]{(byte) i}))));
        }

        List<JsonNode> responses = answers.stream().map(CompletableFuture::join).toList();

        assertThat(responses).allSatisfy(response -> assertThat(response.has("result")).as(response.toString()).isTrue());
        assertThat(responses).extracting(r -> r.get("id").asLong()).doesNotHaveDuplicates().hasSize(20);
    }

    @Test
    void whenTheAgentRestarts_thenTheTokenKeepsItsId() {
        String before = onlyToken(connect().result("listTokens", Map.of())).get("tokenId").asText();
        clients.forEach(AgentClient::close);
        clients.clear();
        agent.close();

        tokens.reopen();
        agent = RunningAgent.start(tokens, dir);

        assertThat(onlyToken(connect().result("listTokens", Map.of())).get("tokenId").asText()).isEqualTo(before);
    }

    private static void awaitTrue(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}

package com.ukeybridge.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.ukeybridge.agent.prompt.CertificateSummary;
import com.ukeybridge.agent.prompt.WriteRequest;
import com.ukeybridge.token.KeyAlgorithm;
import com.ukeybridge.token.Token;
import com.ukeybridge.token.testing.TestCa;
import com.ukeybridge.token.testing.TestCertificates;
import com.ukeybridge.token.testing.TestCertificates.Provisioned;
import com.ukeybridge.token.testing.TokenFixture;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** writeCert with replaces and deleteKey of protocol v2 over wss on SoftHSM2: writes a page cannot abuse. */
@Tag("softhsm")
class WritesV2Test {
    private static final String SUBJECT = "CN=张三,O=山东省示例事业单位,C=CN";

    @TempDir
    Path dir;

    private TokenFixture tokens;
    private ScriptedPrompts prompts;
    private RunningAgent agent;
    private AgentClient page;
    private Provisioned old;
    private String tokenId;

    @BeforeEach
    void provision() {
        tokens = TokenFixture.open("Clerk Key");
        Token token = tokens.token("Clerk Key");
        old = TestCertificates.provision(token, TokenFixture.PIN.toCharArray(), KeyAlgorithm.EC_P256, SUBJECT, Duration.ofDays(20));
        token.logout();
        tokenId = token.id().value();
        prompts = new ScriptedPrompts().answeringPin(TokenFixture.PIN).agreeingToWrites();
    }

    @AfterEach
    void stop() {
        page.close();
        agent.close();
        tokens.close();
    }

    private void startAgent(Map<String, List<X509Certificate>> replaceIssuers) {
        agent = RunningAgent.start(tokens, dir, prompts, RunningAgent.configured(
                List.of(RunningAgent.ORIGIN, ProveKeyTest.OTHER_ORIGIN), true, List.of(2), false, replaceIssuers));
        page = agent.connect(2);
        page.result("verifyPin", Map.of("tokenId", tokenId));
    }

    private JsonNode signCsr() {
        return page.result("signCsr", Map.of("tokenId", tokenId, "keyAlgorithm", "EC-P256", "subject", SUBJECT));
    }

    private static X509Certificate issue(TestCa ca, JsonNode signCsrResult) throws Exception {
        JcaPKCS10CertificationRequest csr = new JcaPKCS10CertificationRequest(Base64.getDecoder().decode(signCsrResult.get("csr").asText()));
        return ca.issue(csr.getPublicKey(), SUBJECT, Instant.now().plus(Duration.ofDays(365)));
    }

    private JsonNode replace(X509Certificate certificate) throws Exception {
        return page.call("writeCert", Map.of("tokenId", tokenId, "certificate",
                Base64.getEncoder().encodeToString(certificate.getEncoded()), "replaces", old.id().hex()));
    }

    private List<String> certIds() {
        List<String> ids = new ArrayList<>();
        for (JsonNode token : page.result("listTokens", Map.of()).get("tokens")) {
            token.get("certificates").forEach(certificate -> ids.add(certificate.get("certId").asText()));
        }
        return ids;
    }

    @Test
    void whenTheNewCertificateHasTheOldIssuer_thenItReplacesTheOldAndTheDialogShowedBoth() throws Exception {
        startAgent(Map.of());
        JsonNode request = signCsr();
        X509Certificate renewed = issue(old.ca(), request);

        JsonNode answer = replace(renewed);

        assertThat(answer.get("result").get("certId").asText()).isEqualTo(request.get("keyId").asText());
        assertThat(certIds()).containsExactly(request.get("keyId").asText());
        WriteRequest shown = prompts.writeRequests().get(prompts.writeRequests().size() - 1);
        assertThat(shown.kind()).isEqualTo(WriteRequest.Kind.REPLACE_CERTIFICATE);
        assertThat(shown.certificate()).contains(CertificateSummary.of(renewed));
        assertThat(shown.replaced()).contains(CertificateSummary.of(old.certificate()));
        assertThat(shown.replaced().get().issuer()).isEqualTo("CN=Test CA");
    }

    @Test
    void whenTheNewCertificateHasAnotherIssuer_thenIssuerMismatchAndNothingChanges() throws Exception {
        startAgent(Map.of());
        JsonNode request = signCsr();
        List<String> before = certIds();

        JsonNode answer = replace(issue(TestCa.create("CN=Page's Own CA"), request));

        assertThat(answer.get("error").get("code").asInt()).isEqualTo(1016);
        assertThat(answer.get("error").get("data").get("reason").asText()).isEqualTo("ISSUER_MISMATCH");
        assertThat(certIds()).isEqualTo(before).contains(old.id().hex());
    }

    @Test
    void whenTheNewIssuerIsTrustedForThisOrigin_thenTheReplacementIsAllowed() throws Exception {
        TestCa newCa = TestCa.create("CN=New Provincial CA");
        startAgent(Map.of(RunningAgent.ORIGIN, List.of(newCa.certificate())));
        JsonNode request = signCsr();

        JsonNode answer = replace(issue(newCa, request));

        assertThat(answer.has("result")).as(answer.toString()).isTrue();
        assertThat(certIds()).containsExactly(request.get("keyId").asText());
    }

    @Test
    void whenTheNewIssuerIsTrustedOnlyForAnotherOrigin_thenIssuerMismatch() throws Exception {
        TestCa newCa = TestCa.create("CN=New Provincial CA");
        startAgent(Map.of(ProveKeyTest.OTHER_ORIGIN, List.of(newCa.certificate())));

        JsonNode answer = replace(issue(newCa, signCsr()));

        assertThat(answer.get("error").get("code").asInt()).isEqualTo(1016);
    }

    @Test
    void whenAnImpostorCaBorrowsTheTrustedIssuersName_thenIssuerMismatch() throws Exception {
        TestCa trusted = TestCa.create("CN=New Provincial CA");
        startAgent(Map.of(RunningAgent.ORIGIN, List.of(trusted.certificate())));

        JsonNode answer = replace(issue(TestCa.create("CN=New Provincial CA"), signCsr()));

        assertThat(answer.get("error").get("code").asInt()).isEqualTo(1016);
    }

    @Test
    void whenAKeyMadeBySignCsrHasNoCertificate_thenDeleteKeyRemovesIt() {
        startAgent(Map.of());
        String keyId = signCsr().get("keyId").asText();

        assertThat(page.result("deleteKey", Map.of("tokenId", tokenId, "keyId", keyId)).get("deleted").asBoolean()).isTrue();
        assertThat(page.error("deleteKey", Map.of("tokenId", tokenId, "keyId", keyId)).get("code").asInt()).isEqualTo(1017);
    }

    @Test
    void whenTheAgentRestarts_thenItStillKnowsTheKeysItMade() {
        startAgent(Map.of());
        String keyId = signCsr().get("keyId").asText();
        page.close();
        agent.close();
        tokens.reopen();

        startAgent(Map.of());

        assertThat(page.result("deleteKey", Map.of("tokenId", tokenId, "keyId", keyId)).get("deleted").asBoolean()).isTrue();
    }

    @Test
    void whenTheKeyHasACertificate_thenDeleteKeyRefusesIt() throws Exception {
        startAgent(Map.of());

        JsonNode error = page.error("deleteKey", Map.of("tokenId", tokenId, "keyId", old.id().hex()));

        assertThat(error.get("code").asInt()).isEqualTo(1012);
        assertThat(certIds()).contains(old.id().hex());
    }

    @Test
    void whenAKeyMadeHereGotACertificate_thenDeleteKeyRefusesIt() throws Exception {
        startAgent(Map.of());
        JsonNode request = signCsr();
        page.result("writeCert", Map.of("tokenId", tokenId, "certificate",
                Base64.getEncoder().encodeToString(issue(old.ca(), request).getEncoded())));

        JsonNode error = page.error("deleteKey", Map.of("tokenId", tokenId, "keyId", request.get("keyId").asText()));

        assertThat(error.get("code").asInt()).isEqualTo(1012);
    }

    @Test
    void whenTheKeyWasNotMadeBySignCsr_thenDeleteKeyRefusesIt() {
        Token token = tokens.token("Clerk Key");
        token.login(TokenFixture.PIN.toCharArray());
        String foreign = token.generateKeyPair(KeyAlgorithm.EC_P256, "another program's key").id().hex();
        startAgent(Map.of());

        JsonNode error = page.error("deleteKey", Map.of("tokenId", tokenId, "keyId", foreign));

        assertThat(error.get("code").asInt()).isEqualTo(1017);
        assertThat(error.get("data").get("reason").asText()).isEqualTo("KEY_NOT_CREATED_HERE");
        assertThat(token.privateKeyIds()).extracting(id -> id.hex()).contains(foreign);
    }
}

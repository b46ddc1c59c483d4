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
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** getInfo, listTokens, verifyPin, sign and logout over wss, on SoftHSM2 tokens. */
@Tag("softhsm")
class ReadMethodsTest {
    private static final String SUBJECT = "CN=张三,OU=机构编制,O=山东省示例事业单位,C=CN";

    @TempDir
    Path dir;

    private TokenFixture tokens;
    private RunningAgent agent;
    private AgentClient page;
    private Provisioned ec;
    private Provisioned rsa;
    private String tokenId;

    @BeforeEach
    void start() {
        tokens = TokenFixture.open("Clerk Key", "Blank Key");
        Token token = tokens.token("Clerk Key");
        ec = TestCertificates.provision(token, TokenFixture.PIN.toCharArray(), KeyAlgorithm.EC_P256, SUBJECT, Duration.ofDays(30));
        rsa = TestCertificates.provision(token, TokenFixture.PIN.toCharArray(), KeyAlgorithm.RSA_2048, "CN=Li Si,O=Example,C=CN", Duration.ofDays(400));
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

    private JsonNode clerkToken(AgentClient client) {
        for (JsonNode token : client.result("listTokens", Map.of()).get("tokens")) {
            if (token.get("tokenId").asText().equals(tokenId)) {
                return token;
            }
        }
        throw new AssertionError("token " + tokenId + " not listed");
    }

    private JsonNode certificate(JsonNode token, String certId) {
        for (JsonNode certificate : token.get("certificates")) {
            if (certificate.get("certId").asText().equals(certId)) {
                return certificate;
            }
        }
        throw new AssertionError("certificate " + certId + " not listed in " + token);
    }

    private void login() {
        assertThat(page.result("verifyPin", Map.of("tokenId", tokenId, "pin", TokenFixture.PIN)).get("loggedIn").asBoolean()).isTrue();
    }

    @Test
    void whenGetInfoIsCalled_thenItNamesTheProtocolMethodsAndAlgorithms() {
        JsonNode info = page.result("getInfo", Map.of());

        assertThat(info.get("agent").asText()).isNotBlank();
        assertThat(info.get("version").asText()).isNotBlank();
        assertThat(info.get("protocol").asInt()).isEqualTo(1);
        assertThat(info.get("capabilities")).extracting(JsonNode::asText).contains(
                "listTokens", "verifyPin", "sign", "signCsr", "writeCert", "deleteKey", "logout", "RSA-2048", "EC-P256");
    }

    @Test
    void whenTokensAreListed_thenBothTheClerksAndTheBlankKeyAppearWithTheirFields() {
        JsonNode tokens = page.result("listTokens", Map.of()).get("tokens");

        assertThat(tokens).hasSize(2);
        assertThat(tokens).extracting(t -> t.get("label").asText()).containsExactlyInAnyOrder("Clerk Key", "Blank Key");
        JsonNode blank = tokens.get(0).get("label").asText().equals("Blank Key") ? tokens.get(0) : tokens.get(1);
        assertThat(blank.get("certificates")).isEmpty();
        JsonNode clerk = clerkToken(page);
        assertThat(clerk.get("manufacturer").asText()).isEqualTo("SoftHSM project");
        assertThat(clerk.get("model").asText()).isEqualTo("SoftHSM v2");
        assertThat(clerk.get("serialNumber").asText()).isNotBlank();
        assertThat(clerk.get("loggedIn").asBoolean()).isFalse();
        JsonNode pin = clerk.get("pin");
        assertThat(pin.get("minLength").asInt()).isEqualTo(4);
        assertThat(pin.get("maxLength").asInt()).isEqualTo(255);
        assertThat(pin.get("countLow").isBoolean()).isTrue();
        assertThat(pin.get("finalTry").asBoolean()).isFalse();
        assertThat(pin.get("locked").asBoolean()).isFalse();
    }

    @Test
    void whenACertificateExpiresIn30Days_thenItIsListedAsExpiringWithItsFacts() throws Exception {
        JsonNode certificate = certificate(clerkToken(page), ec.id().hex());

        assertThat(certificate.get("subject").asText()).isEqualTo(SUBJECT);
        assertThat(certificate.get("issuer").asText()).isEqualTo(ec.ca().certificate().getSubjectX500Principal().getName());
        assertThat(certificate.get("serialNumber").asText()).isEqualTo(ec.certificate().getSerialNumber().toString(16));
        assertThat(certificate.get("notAfter").asText()).isEqualTo(ec.certificate().getNotAfter().toInstant().toString());
        assertThat(certificate.get("notAfter").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(certificate.get("notBefore").asText()).isEqualTo(ec.certificate().getNotBefore().toInstant().toString());
        assertThat(certificate.get("keyAlgorithm").asText()).isEqualTo("EC-P256");
        assertThat(certificate.get("status").asText()).isEqualTo("expiring");
        assertThat(certificate.get("daysLeft").asLong()).isBetween(29L, 30L);
        assertThat(certificate.get("label").asText()).isNotBlank();
        assertThat(Base64.getDecoder().decode(certificate.get("der").asText())).isEqualTo(ec.certificate().getEncoded());
    }

    @Test
    void whenACertificateHasMoreThan90DaysLeft_thenItIsValid() {
        JsonNode certificate = certificate(clerkToken(page), rsa.id().hex());

        assertThat(certificate.get("status").asText()).isEqualTo("valid");
        assertThat(certificate.get("keyAlgorithm").asText()).isEqualTo("RSA-2048");
    }

    @Test
    void whenTheClockPassesNotAfter_thenTheCertificateIsExpiredWithNegativeDays() {
        agent.clock().advance(Duration.ofDays(32));

        JsonNode certificate = certificate(clerkToken(page), ec.id().hex());

        assertThat(certificate.get("status").asText()).isEqualTo("expired");
        assertThat(certificate.get("daysLeft").asLong()).isNegative();
    }

    @Test
    void whenNotLoggedIn_thenPrivateKeysAreHiddenAndAfterLoginTheyAreShown() {
        assertThat(certificate(clerkToken(page), ec.id().hex()).get("hasPrivateKey").isNull()).isTrue();

        login();

        JsonNode token = clerkToken(page);
        assertThat(token.get("loggedIn").asBoolean()).isTrue();
        assertThat(certificate(token, ec.id().hex()).get("hasPrivateKey").asBoolean()).isTrue();
    }

    @Test
    void whenThePinIsWrong_thenPinIncorrectAndNotLoggedIn() {
        JsonNode error = page.error("verifyPin", Map.of("tokenId", tokenId, "pin", "000000"));

        assertThat(error.get("code").asInt()).isEqualTo(1002);
        assertThat(error.get("data").get("reason").asText()).isEqualTo("PIN_INCORRECT");
        assertThat(error.get("data").has("retriesLeft")).isTrue();
        assertThat(error.get("data").get("finalTry").isBoolean()).isTrue();
        assertThat(clerkToken(page).get("loggedIn").asBoolean()).isFalse();
    }

    @Test
    void whenThePinIsTooShort_thenPinInvalidWithTheLimitsAndNoTrySpent() {
        long loginsBefore = tokens.faults().count("C_Login");

        JsonNode error = page.error("verifyPin", Map.of("tokenId", tokenId, "pin", "12"));

        assertThat(error.get("code").asInt()).isEqualTo(1013);
        assertThat(error.get("data").get("reason").asText()).isEqualTo("PIN_INVALID");
        assertThat(error.get("data").get("minLength").asInt()).isEqualTo(4);
        assertThat(error.get("data").get("maxLength").asInt()).isEqualTo(255);
        assertThat(tokens.faults().count("C_Login")).isEqualTo(loginsBefore);
    }

    @Test
    void whenHeadlessAndNoPinIsSent_thenThePinParameterIsRequired() {
        JsonNode error = page.error("verifyPin", Map.of("tokenId", tokenId));

        assertThat(error.get("code").asInt()).isEqualTo(-32602);
        assertThat(error.get("data").get("field").asText()).isEqualTo("pin");
    }

    @Test
    void whenLoggedIn_thenSignWithEcdsaVerifiesUnderTheCertificate() throws Exception {
        login();
        byte[] challenge = "challenge-7f3a".getBytes(StandardCharsets.UTF_8);

        JsonNode result = page.result("sign", Map.of("tokenId", tokenId, "certId", ec.id().hex(),
                "algorithm", "SHA256withECDSA", "data", Base64.getEncoder().encodeToString(challenge)));

        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(ec.certificate());
        verifier.update(challenge);
        assertThat(verifier.verify(Base64.getDecoder().decode(result.get("signature").asText()))).isTrue();
    }

    @Test
    void whenLoggedIn_thenSignWithRsaVerifiesUnderTheCertificate() throws Exception {
        login();
        byte[] challenge = new byte[16 * 1024];

        JsonNode result = page.result("sign", Map.of("tokenId", tokenId, "certId", rsa.id().hex(),
                "algorithm", "SHA256withRSA", "data", Base64.getEncoder().encodeToString(challenge)));

        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(rsa.certificate());
        verifier.update(challenge);
        assertThat(verifier.verify(Base64.getDecoder().decode(result.get("signature").asText()))).isTrue();
    }

    @Test
    void whenNotLoggedIn_thenSignNeedsLogin() {
        JsonNode error = page.error("sign", Map.of("tokenId", tokenId, "certId", ec.id().hex(),
                "algorithm", "SHA256withECDSA", "data", "AAAA"));

        assertThat(error.get("code").asInt()).isEqualTo(1004);
        assertThat(error.get("data").get("reason").asText()).isEqualTo("LOGIN_REQUIRED");
    }

    @Test
    void whenTheDataIsOver16KiB_thenInvalidParamsNamesData() {
        login();

        JsonNode error = page.error("sign", Map.of("tokenId", tokenId, "certId", ec.id().hex(),
                "algorithm", "SHA256withECDSA", "data", Base64.getEncoder().encodeToString(new byte[16 * 1024 + 1])));

        assertThat(error.get("data").get("reason").asText()).isEqualTo("INVALID_PARAMS");
        assertThat(error.get("data").get("field").asText()).isEqualTo("data");
    }

    @Test
    void whenTheAlgorithmIsUnknown_thenUnsupportedAlgorithmListsWhatIs() {
        login();

        JsonNode error = page.error("sign", Map.of("tokenId", tokenId, "certId", ec.id().hex(),
                "algorithm", "MD5withRSA", "data", "AAAA"));

        assertThat(error.get("code").asInt()).isEqualTo(1010);
        assertThat(error.get("data").get("supported")).extracting(JsonNode::asText).contains("SHA256withRSA", "SHA256withECDSA");
    }

    @Test
    void whenTheAlgorithmDoesNotFitTheKey_thenUnsupportedAlgorithmListsWhatFits() {
        login();

        JsonNode error = page.error("sign", Map.of("tokenId", tokenId, "certId", ec.id().hex(),
                "algorithm", "SHA256withRSA", "data", "AAAA"));

        assertThat(error.get("data").get("reason").asText()).isEqualTo("UNSUPPORTED_ALGORITHM");
        assertThat(error.get("data").get("supported")).extracting(JsonNode::asText).containsExactly("SHA256withECDSA");
    }

    @Test
    void whenTheCertificateIsUnknown_thenObjectNotFound() {
        login();

        JsonNode error = page.error("sign", Map.of("tokenId", tokenId, "certId", HexFormat.of().formatHex(new byte[20]),
                "algorithm", "SHA256withECDSA", "data", "AAAA"));

        assertThat(error.get("code").asInt()).isEqualTo(1006);
        assertThat(error.get("data").get("reason").asText()).isEqualTo("OBJECT_NOT_FOUND");
    }

    @Test
    void whenTheTokenIsUnknown_thenTokenNotFound() {
        JsonNode error = page.error("verifyPin", Map.of("tokenId", "0000000000000000", "pin", TokenFixture.PIN));

        assertThat(error.get("code").asInt()).isEqualTo(1001);
        assertThat(error.get("data").get("reason").asText()).isEqualTo("TOKEN_NOT_FOUND");
    }

    @Test
    void whenLoggedOut_thenSignNeedsLoginAgain() {
        login();

        assertThat(page.result("logout", Map.of("tokenId", tokenId)).get("loggedIn").asBoolean()).isFalse();

        assertThat(page.error("sign", Map.of("tokenId", tokenId, "certId", ec.id().hex(),
                "algorithm", "SHA256withECDSA", "data", "AAAA")).get("data").get("reason").asText()).isEqualTo("LOGIN_REQUIRED");
        assertThat(tokens.token("Clerk Key").isLoggedIn()).isFalse();
    }

    @Test
    void whenACertificateHasNoCkaId_thenItsCertIdIsTheSha1OfItsDer() throws Exception {
        Path der = dir.resolve("no-id.der");
        Files.write(der, rsa.ca().certificate().getEncoded());
        tokens.hsm().pkcs11Tool("--login", "--pin", TokenFixture.PIN, "--token-label", "Clerk Key",
                "--write-object", der.toString(), "--type", "cert", "--label", "CA without id");
        tokens.registry().refresh();

        String sha1 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(rsa.ca().certificate().getEncoded()));
        JsonNode certificate = certificate(clerkToken(page), "sha1-" + sha1);

        assertThat(certificate.get("label").asText()).isEqualTo("CA without id");
        assertThat(certificate.get("hasPrivateKey").isNull()).isTrue();
    }

    @Test
    void whenAMethodIsUnknown_thenMethodNotFound() {
        JsonNode error = page.error("formatToken", Map.of());

        assertThat(error.get("code").asInt()).isEqualTo(-32601);
        assertThat(error.get("data").get("reason").asText()).isEqualTo("METHOD_NOT_FOUND");
    }

    @Test
    void whenAParameterIsUnexpected_thenInvalidParamsNamesIt() {
        JsonNode error = page.error("listTokens", Map.of("verbose", true));

        assertThat(error.get("code").asInt()).isEqualTo(-32602);
        assertThat(error.get("data").get("field").asText()).isEqualTo("verbose");
    }
}

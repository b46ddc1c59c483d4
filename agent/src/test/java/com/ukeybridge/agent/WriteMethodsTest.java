package com.ukeybridge.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.ukeybridge.agent.prompt.PinRequest;
import com.ukeybridge.agent.prompt.WriteRequest;
import com.ukeybridge.token.KeyAlgorithm;
import com.ukeybridge.token.Token;
import com.ukeybridge.token.testing.Pkcs11ToolObjects;
import com.ukeybridge.token.testing.Pkcs11ToolObjects.Listed;
import com.ukeybridge.token.testing.TestCa;
import com.ukeybridge.token.testing.TestCertificates;
import com.ukeybridge.token.testing.TestCertificates.Provisioned;
import com.ukeybridge.token.testing.TokenFixture;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.security.auth.x500.X500Principal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** signCsr, writeCert and deleteKey over wss on a SoftHSM2 token, with and without the user's consent. */
@Tag("softhsm")
class WriteMethodsTest {
    private static final String LABEL = "Clerk Key";
    private static final String SUBJECT = "CN=张三,OU=机构编制,O=山东省示例事业单位,C=CN";

    @TempDir
    Path dir;

    private TokenFixture tokens;
    private ScriptedPrompts prompts;
    private RunningAgent agent;
    private AgentClient page;
    private String tokenId;

    @BeforeEach
    void start() {
        tokens = TokenFixture.open(LABEL);
        tokenId = tokens.token(LABEL).id().value();
        prompts = new ScriptedPrompts().answeringPin(TokenFixture.PIN);
        agent = RunningAgent.start(tokens, dir, prompts, false);
        page = agent.connect();
    }

    @AfterEach
    void stop() {
        page.close();
        agent.close();
        tokens.close();
    }

    /** The same token behind an agent that asks the user before every write. */
    private void restartAskingBeforeWrites() {
        page.close();
        agent.close();
        tokens.reopen();
        agent = RunningAgent.start(tokens, dir, prompts, true);
        page = agent.connect();
    }

    private void login() {
        assertThat(page.result("verifyPin", Map.of("tokenId", tokenId, "pin", TokenFixture.PIN)).get("loggedIn").asBoolean()).isTrue();
    }

    private JsonNode signCsr(String keyAlgorithm) {
        return page.result("signCsr", Map.of("tokenId", tokenId, "keyAlgorithm", keyAlgorithm, "subject", SUBJECT));
    }

    private static JcaPKCS10CertificationRequest csr(JsonNode signCsrResult) throws Exception {
        return new JcaPKCS10CertificationRequest(Base64.getDecoder().decode(signCsrResult.get("csr").asText()));
    }

    /** What a CA would answer to the request: a certificate for its key and subject. */
    private static X509Certificate issue(JsonNode signCsrResult) throws Exception {
        return TestCa.create().issue(csr(signCsrResult).getPublicKey(), SUBJECT, Instant.now().plus(Duration.ofDays(365)));
    }

    private static String base64(X509Certificate certificate) throws Exception {
        return Base64.getEncoder().encodeToString(certificate.getEncoded());
    }

    /** Every object on the token, as OpenSC's pkcs11-tool (another process) sees it. */
    private List<Listed> objects() {
        return Pkcs11ToolObjects.list(tokens.hsm(), LABEL, TokenFixture.PIN);
    }

    private List<Listed> objects(String id) {
        return objects().stream().filter(o -> o.id().equals(id)).toList();
    }

    private JsonNode listedCertificate(String certId) {
        for (JsonNode token : page.result("listTokens", Map.of()).get("tokens")) {
            if (token.get("tokenId").asText().equals(tokenId)) {
                for (JsonNode certificate : token.get("certificates")) {
                    if (certificate.get("certId").asText().equals(certId)) {
                        return certificate;
                    }
                }
            }
        }
        throw new AssertionError("certificate " + certId + " not listed");
    }

    private static void assertInvalidParams(JsonNode error, String field) {
        assertThat(error.get("code").asInt()).isEqualTo(-32602);
        assertThat(error.get("data").get("reason").asText()).isEqualTo("INVALID_PARAMS");
        assertThat(error.get("data").get("field").asText()).isEqualTo(field);
    }

    private static void assertError(JsonNode error, int code, String reason) {
        assertThat(error.get("code").asInt()).isEqualTo(code);
        assertThat(error.get("data").get("reason").asText()).isEqualTo(reason);
    }

    // ---- signCsr

    @ParameterizedTest
    @ValueSource(strings = {"EC-P256", "RSA-2048"})
    void whenSignCsrIsCalled_thenTheRequestIsForTheSubjectAndSignedByANewKeyOnTheToken(String keyAlgorithm) throws Exception {
        login();

        JsonNode result = signCsr(keyAlgorithm);

        String keyId = result.get("keyId").asText();
        assertThat(keyId).matches("[0-9a-f]{40}");
        JcaPKCS10CertificationRequest csr = csr(result);
        assertThat(csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(csr.getPublicKey()))).isTrue();
        assertThat(new X500Principal(csr.getSubject().getEncoded())).isEqualTo(new X500Principal(SUBJECT));
        PublicKey requested = csr.getPublicKey();
        if (keyAlgorithm.equals("RSA-2048")) {
            assertThat(requested).isInstanceOfSatisfying(RSAPublicKey.class, k -> assertThat(k.getModulus().bitLength()).isEqualTo(2048));
        } else {
            assertThat(requested).isInstanceOfSatisfying(ECPublicKey.class, k -> assertThat(k.getParams().getCurve().getField().getFieldSize()).isEqualTo(256));
        }
        byte[] onToken = tokens.hsm().pkcs11ToolBytes("--token-label", LABEL, "--read-object", "--type", "pubkey", "--id", keyId);
        assertThat(KeyFactory.getInstance(requested.getAlgorithm()).generatePublic(new X509EncodedKeySpec(onToken))).isEqualTo(requested);
        List<Listed> pair = objects(keyId);
        assertThat(pair).hasSize(2);
        assertThat(pair).filteredOn(Listed::isPrivateKey).singleElement()
                .satisfies(key -> assertThat(key.access()).contains("sensitive", "never extractable"));
        assertThat(pair).filteredOn(Listed::isPublicKey).hasSize(1);
    }

    @Test
    void whenSignCsrIsCalledTwice_thenEachKeyHasItsOwnId() {
        login();

        String first = signCsr("EC-P256").get("keyId").asText();
        String second = signCsr("EC-P256").get("keyId").asText();

        assertThat(first).isNotEqualTo(second);
        assertThat(objects(first)).hasSize(2);
        assertThat(objects(second)).hasSize(2);
    }

    @Test
    void whenALabelIsGiven_thenBothKeyHalvesCarryIt() {
        login();

        String keyId = page.result("signCsr", Map.of("tokenId", tokenId, "keyAlgorithm", "EC-P256", "subject", SUBJECT,
                "label", "签名密钥 2026")).get("keyId").asText();

        assertThat(objects(keyId)).hasSize(2).extracting(Listed::label).containsOnly("签名密钥 2026");
    }

    @Test
    void whenNoLabelIsGiven_thenBothKeyHalvesAreLabelledWithTheSubjectsCommonName() {
        login();

        String keyId = signCsr("EC-P256").get("keyId").asText();

        assertThat(objects(keyId)).hasSize(2).extracting(Listed::label).containsOnly("张三");
    }

    @Test
    void whenTheKeyAlgorithmIsUnsupported_thenUnsupportedAlgorithmListsWhatIsAndNothingIsCreated() {
        login();

        JsonNode error = page.error("signCsr", Map.of("tokenId", tokenId, "keyAlgorithm", "RSA-1024", "subject", SUBJECT));

        assertError(error, 1010, "UNSUPPORTED_ALGORITHM");
        assertThat(error.get("data").get("supported")).extracting(JsonNode::asText).contains("RSA-2048", "EC-P256");
        assertThat(objects()).isEmpty();
        assertThat(tokens.faults().count("C_GenerateKeyPair")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "张三", "CN张三", "CN=张三,,O=", "=张三", "CN=\"unterminated"})
    void whenTheSubjectIsMalformedOrEmpty_thenInvalidParamsNamesSubjectAndNothingIsCreated(String subject) {
        login();

        JsonNode error = page.error("signCsr", Map.of("tokenId", tokenId, "keyAlgorithm", "EC-P256", "subject", subject));

        assertInvalidParams(error, "subject");
        assertThat(objects()).isEmpty();
        assertThat(tokens.faults().count("C_GenerateKeyPair")).isZero();
    }

    @Test
    void whenNotLoggedIn_thenSignCsrNeedsLoginAndNothingIsCreated() {
        JsonNode error = page.error("signCsr", Map.of("tokenId", tokenId, "keyAlgorithm", "EC-P256", "subject", SUBJECT));

        assertError(error, 1004, "LOGIN_REQUIRED");
        assertThat(objects()).isEmpty();
        assertThat(tokens.faults().count("C_GenerateKeyPair")).isZero();
    }

    @Test
    void whenAnotherConnectionIsLoggedIn_thenThisOneStillNeedsItsOwnLogin() {
        login();

        try (AgentClient other = agent.connect()) {
            JsonNode error = other.error("signCsr", Map.of("tokenId", tokenId, "keyAlgorithm", "EC-P256", "subject", SUBJECT));

            assertError(error, 1004, "LOGIN_REQUIRED");
        }
        assertThat(objects()).isEmpty();
    }

    // ---- writeCert

    @ParameterizedTest
    @ValueSource(strings = {"EC-P256", "RSA-2048"})
    void whenTheIssuedCertificateIsWritten_thenItsCertIdIsTheKeyIdAndItIsListedWithItsPrivateKey(String keyAlgorithm) throws Exception {
        login();
        JsonNode request = signCsr(keyAlgorithm);
        String keyId = request.get("keyId").asText();
        X509Certificate certificate = issue(request);

        JsonNode result = page.result("writeCert", Map.of("tokenId", tokenId, "certificate", base64(certificate)));

        assertThat(result.get("certId").asText()).isEqualTo(keyId);
        JsonNode listed = listedCertificate(keyId);
        assertThat(listed.get("hasPrivateKey").asBoolean()).isTrue();
        assertThat(listed.get("keyAlgorithm").asText()).isEqualTo(keyAlgorithm);
        assertThat(new X500Principal(listed.get("subject").asText())).isEqualTo(new X500Principal(SUBJECT));
        assertThat(Base64.getDecoder().decode(listed.get("der").asText())).isEqualTo(certificate.getEncoded());
        assertThat(listed.get("label").asText()).isEqualTo("张三");
        assertThat(objects(keyId)).hasSize(3);
    }

    @Test
    void whenALabelIsGivenToWriteCert_thenTheCertificateCarriesIt() throws Exception {
        login();
        JsonNode request = signCsr("EC-P256");

        String certId = page.result("writeCert", Map.of("tokenId", tokenId, "certificate", base64(issue(request)),
                "label", "张三 2026")).get("certId").asText();

        assertThat(listedCertificate(certId).get("label").asText()).isEqualTo("张三 2026");
    }

    @Test
    void whenTheSameCertificateIsWrittenAgain_thenTheSameCertIdAndNothingIsAdded() throws Exception {
        login();
        JsonNode request = signCsr("EC-P256");
        String certificate = base64(issue(request));
        String certId = page.result("writeCert", Map.of("tokenId", tokenId, "certificate", certificate)).get("certId").asText();
        List<Listed> before = objects();

        JsonNode again = page.result("writeCert", Map.of("tokenId", tokenId, "certificate", certificate));

        assertThat(again.get("certId").asText()).isEqualTo(certId);
        assertThat(objects()).hasSameSizeAs(before);
        assertThat(objects()).filteredOn(Listed::isCertificate).hasSize(1);
    }

    @Test
    void whenTheCertificateIsForAKeyNotOnTheToken_thenCertKeyMismatchAndNothingIsWritten() throws Exception {
        login();
        signCsr("EC-P256");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        X509Certificate foreign = TestCa.create().issue(generator.generateKeyPair().getPublic(), SUBJECT, Instant.now().plus(Duration.ofDays(365)));
        List<Listed> before = objects();

        JsonNode error = page.error("writeCert", Map.of("tokenId", tokenId, "certificate", base64(foreign)));

        assertError(error, 1007, "CERT_KEY_MISMATCH");
        assertThat(objects()).isEqualTo(before);
        assertThat(objects()).noneMatch(Listed::isCertificate);
    }

    @Test
    void whenTheCertificateIsMalformed_thenInvalidParamsNamesCertificateAndNothingIsWritten() throws Exception {
        login();
        JsonNode request = signCsr("EC-P256");
        X509Certificate certificate = issue(request);
        byte[] der = certificate.getEncoded();
        String pem = "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END CERTIFICATE-----\n";
        byte[] trailing = Arrays.copyOf(der, der.length + 1);
        List<String> malformed = List.of(
                "not base64 at all!",
                Base64.getMimeEncoder().encodeToString(der),
                Base64.getEncoder().encodeToString("not a certificate".getBytes(StandardCharsets.UTF_8)),
                Base64.getEncoder().encodeToString(Arrays.copyOf(der, der.length - 10)),
                Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII)),
                pem,
                Base64.getEncoder().encodeToString(trailing));
        List<Listed> before = objects();

        for (String certificateParam : malformed) {
            JsonNode error = page.error("writeCert", Map.of("tokenId", tokenId, "certificate", certificateParam));

            assertThat(error.get("data").get("field").asText()).as(certificateParam).isEqualTo("certificate");
            assertInvalidParams(error, "certificate");
        }
        assertThat(objects()).isEqualTo(before);
        assertThat(objects()).noneMatch(Listed::isCertificate);
    }

    @Test
    void whenNotLoggedIn_thenWriteCertNeedsLoginAndNothingIsWritten() throws Exception {
        login();
        JsonNode request = signCsr("EC-P256");
        X509Certificate certificate = issue(request);
        page.result("logout", Map.of("tokenId", tokenId));

        JsonNode error = page.error("writeCert", Map.of("tokenId", tokenId, "certificate", base64(certificate)));

        assertError(error, 1004, "LOGIN_REQUIRED");
        assertThat(objects()).noneMatch(Listed::isCertificate);
    }

    @Test
    void whenARenewalReplacesTheOldCertificate_thenTheOldCertificateAndKeysAreGoneAndTheNewOnesSign() throws Exception {
        Token token = tokens.token(LABEL);
        Provisioned old = TestCertificates.provision(token, TokenFixture.PIN.toCharArray(), KeyAlgorithm.EC_P256, SUBJECT, Duration.ofDays(20));
        token.logout();
        String oldId = old.id().hex();
        assertThat(objects(oldId)).hasSize(3);
        login();
        JsonNode request = signCsr("RSA-2048");
        String newKeyId = request.get("keyId").asText();
        X509Certificate renewed = issue(request);

        JsonNode result = page.result("writeCert", Map.of("tokenId", tokenId, "certificate", base64(renewed), "replaces", oldId));

        assertThat(result.get("certId").asText()).isEqualTo(newKeyId);
        assertThat(objects(oldId)).isEmpty();
        assertThat(objects(newKeyId)).hasSize(3);
        assertThat(objects()).hasSize(3);
        byte[] challenge = "renewed-7f3a".getBytes(StandardCharsets.UTF_8);
        JsonNode signature = page.result("sign", Map.of("tokenId", tokenId, "certId", newKeyId, "algorithm", "SHA256withRSA",
                "data", Base64.getEncoder().encodeToString(challenge)));
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(renewed);
        verifier.update(challenge);
        assertThat(verifier.verify(Base64.getDecoder().decode(signature.get("signature").asText()))).isTrue();
        assertError(page.error("sign", Map.of("tokenId", tokenId, "certId", oldId, "algorithm", "SHA256withECDSA",
                "data", Base64.getEncoder().encodeToString(challenge))), 1006, "OBJECT_NOT_FOUND");
    }

    @Test
    void whenReplacesNamesNothing_thenObjectNotFoundAndNothingIsWritten() throws Exception {
        login();
        JsonNode request = signCsr("EC-P256");
        X509Certificate certificate = issue(request);
        List<Listed> before = objects();

        JsonNode error = page.error("writeCert", Map.of("tokenId", tokenId, "certificate", base64(certificate),
                "replaces", HexFormat.of().formatHex(new byte[20])));

        assertError(error, 1006, "OBJECT_NOT_FOUND");
        assertThat(objects()).isEqualTo(before);
        assertThat(objects()).noneMatch(Listed::isCertificate);
    }

    // ---- deleteKey

    @Test
    void whenAKeyWithoutCertificateIsDeleted_thenBothHalvesAreGone() {
        login();
        String keyId = signCsr("EC-P256").get("keyId").asText();
        String kept = signCsr("EC-P256").get("keyId").asText();

        JsonNode result = page.result("deleteKey", Map.of("tokenId", tokenId, "keyId", keyId));

        assertThat(result.get("deleted").asBoolean()).isTrue();
        assertThat(objects(keyId)).isEmpty();
        assertThat(objects(kept)).hasSize(2);
    }

    @Test
    void whenTheKeyHasACertificate_thenKeyHasCertificateAndNothingIsDeleted() throws Exception {
        login();
        JsonNode request = signCsr("EC-P256");
        String keyId = request.get("keyId").asText();
        page.result("writeCert", Map.of("tokenId", tokenId, "certificate", base64(issue(request))));

        JsonNode error = page.error("deleteKey", Map.of("tokenId", tokenId, "keyId", keyId));

        assertError(error, 1012, "KEY_HAS_CERTIFICATE");
        assertThat(objects(keyId)).hasSize(3);
    }

    @Test
    void whenTheKeyIsUnknown_thenObjectNotFound() {
        login();
        String kept = signCsr("EC-P256").get("keyId").asText();

        JsonNode error = page.error("deleteKey", Map.of("tokenId", tokenId, "keyId", HexFormat.of().formatHex(new byte[20])));

        assertError(error, 1006, "OBJECT_NOT_FOUND");
        assertThat(objects(kept)).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "xyz", "ABCDEF", "abc", "ab cd", "sha1-0000000000000000000000000000000000000000"})
    void whenTheKeyIdIsMalformed_thenInvalidParamsNamesKeyId(String keyId) {
        login();

        assertInvalidParams(page.error("deleteKey", Map.of("tokenId", tokenId, "keyId", keyId)), "keyId");
    }

    @Test
    void whenNotLoggedIn_thenDeleteKeyNeedsLoginAndNothingIsDeleted() {
        login();
        String keyId = signCsr("EC-P256").get("keyId").asText();
        page.result("logout", Map.of("tokenId", tokenId));

        assertError(page.error("deleteKey", Map.of("tokenId", tokenId, "keyId", keyId)), 1004, "LOGIN_REQUIRED");
        assertThat(objects(keyId)).hasSize(2);
    }

    // ---- consent and the PIN dialog

    @Test
    void whenTheUserDeclinesSignCsr_thenCancelledByUserAndNoKeyIsMade() {
        prompts.decliningWrites();
        restartAskingBeforeWrites();
        login();

        JsonNode error = page.error("signCsr", Map.of("tokenId", tokenId, "keyAlgorithm", "EC-P256", "subject", SUBJECT));

        assertError(error, 1005, "CANCELLED_BY_USER");
        assertThat(prompts.writeRequests()).hasSize(1);
        assertThat(objects()).isEmpty();
        assertThat(tokens.faults().count("C_GenerateKeyPair")).isZero();
    }

    @Test
    void whenTheUserDeclinesWriteCert_thenCancelledByUserAndNoCertificateIsWritten() throws Exception {
        restartAskingBeforeWrites();
        login();
        JsonNode request = signCsr("EC-P256");
        X509Certificate certificate = issue(request);
        List<Listed> before = objects();
        prompts.decliningWrites();

        JsonNode error = page.error("writeCert", Map.of("tokenId", tokenId, "certificate", base64(certificate)));

        assertError(error, 1005, "CANCELLED_BY_USER");
        assertThat(prompts.writeRequests()).extracting(WriteRequest::kind)
                .containsExactly(WriteRequest.Kind.NEW_KEY_AND_REQUEST, WriteRequest.Kind.STORE_CERTIFICATE);
        assertThat(objects()).isEqualTo(before);
        assertThat(objects()).noneMatch(Listed::isCertificate);
    }

    @Test
    void whenTheUserAgrees_thenTheWritesHappenAndTheDialogShowedOriginTokenAndSubject() throws Exception {
        restartAskingBeforeWrites();
        login();

        JsonNode request = signCsr("EC-P256");
        String certId = page.result("writeCert", Map.of("tokenId", tokenId, "certificate", base64(issue(request)))).get("certId").asText();

        assertThat(certId).isEqualTo(request.get("keyId").asText());
        assertThat(objects(certId)).hasSize(3);
        assertThat(prompts.writeRequests()).hasSize(2).allSatisfy(shown -> {
            assertThat(shown.origin()).isEqualTo(RunningAgent.ORIGIN);
            assertThat(shown.tokenLabel()).isEqualTo(LABEL);
            assertThat(new X500Principal(shown.subject())).isEqualTo(new X500Principal(SUBJECT));
            assertThat(shown.subject()).contains("张三", "山东省示例事业单位");
        });
        assertThat(prompts.writeRequests()).extracting(WriteRequest::kind)
                .containsExactly(WriteRequest.Kind.NEW_KEY_AND_REQUEST, WriteRequest.Kind.STORE_CERTIFICATE);
    }

    @Test
    void whenARenewalIsConfirmed_thenTheDialogSaysItReplaces() throws Exception {
        Token token = tokens.token(LABEL);
        Provisioned old = TestCertificates.provision(token, TokenFixture.PIN.toCharArray(), KeyAlgorithm.EC_P256, SUBJECT, Duration.ofDays(20));
        token.logout();
        restartAskingBeforeWrites();
        login();
        JsonNode request = signCsr("EC-P256");

        page.result("writeCert", Map.of("tokenId", tokenId, "certificate", base64(issue(request)), "replaces", old.id().hex()));

        assertThat(prompts.writeRequests()).extracting(WriteRequest::kind)
                .containsExactly(WriteRequest.Kind.NEW_KEY_AND_REQUEST, WriteRequest.Kind.REPLACE_CERTIFICATE);
        assertThat(objects(old.id().hex())).isEmpty();
    }

    @Test
    void whenWritesNeedNoConsent_thenTheUserIsNotAsked() throws Exception {
        login();
        JsonNode request = signCsr("EC-P256");
        page.result("writeCert", Map.of("tokenId", tokenId, "certificate", base64(issue(request))));

        assertThat(prompts.writeRequests()).isEmpty();
    }

    @Test
    void whenNoPinIsSentAndTheUserAnswersTheDialog_thenLoggedIn() {
        JsonNode result = page.result("verifyPin", Map.of("tokenId", tokenId));

        assertThat(result.get("loggedIn").asBoolean()).isTrue();
        assertThat(prompts.pinRequests()).singleElement().satisfies(shown -> {
            assertThat(shown.origin()).isEqualTo(RunningAgent.ORIGIN);
            assertThat(shown.tokenLabel()).isEqualTo(LABEL);
            assertThat(shown.finalTry()).isFalse();
        });
        assertThat(signCsr("EC-P256").get("keyId").asText()).matches("[0-9a-f]{40}");
    }

    @Test
    void whenNoPinIsSentAndTheUserClosesTheDialog_thenCancelledByUserAndNotLoggedIn() {
        prompts.closingPinDialog();
        long loginsBefore = tokens.faults().count("C_Login");

        JsonNode error = page.error("verifyPin", Map.of("tokenId", tokenId));

        assertError(error, 1005, "CANCELLED_BY_USER");
        assertThat(prompts.pinRequests()).extracting(PinRequest::tokenLabel).containsExactly(LABEL);
        assertThat(tokens.faults().count("C_Login")).isEqualTo(loginsBefore);
        assertError(page.error("signCsr", Map.of("tokenId", tokenId, "keyAlgorithm", "EC-P256", "subject", SUBJECT)),
                1004, "LOGIN_REQUIRED");
    }
}

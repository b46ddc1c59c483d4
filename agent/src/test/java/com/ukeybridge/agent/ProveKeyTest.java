package com.ukeybridge.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.ukeybridge.agent.prompt.HeadlessPrompts;
import com.ukeybridge.agent.proof.ProofMessage;
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
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Protocol v2 over wss on SoftHSM2: proveKey signs only the proof message, and no v2 method signs page-chosen bytes. */
@Tag("softhsm")
class ProveKeyTest {
    static final String OTHER_ORIGIN = "https://other.example.gov.cn";
    private static final byte[] CHALLENGE = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

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
        tokens = TokenFixture.open("Clerk Key");
        Token token = tokens.token("Clerk Key");
        ec = TestCertificates.provision(token, TokenFixture.PIN.toCharArray(), KeyAlgorithm.EC_P256, "CN=张三,O=Example,C=CN", Duration.ofDays(30));
        rsa = TestCertificates.provision(token, TokenFixture.PIN.toCharArray(), KeyAlgorithm.RSA_2048, "CN=Li Si,O=Example,C=CN", Duration.ofDays(30));
        token.logout();
        tokenId = token.id().value();
        agent = RunningAgent.start(tokens, dir, new HeadlessPrompts(),
                RunningAgent.configured(List.of(RunningAgent.ORIGIN, OTHER_ORIGIN), false, List.of(2), true, Map.of()));
        page = agent.connect(2);
        page.result("verifyPin", Map.of("tokenId", tokenId, "pin", TokenFixture.PIN));
    }

    @AfterEach
    void stop() {
        page.close();
        agent.close();
        tokens.close();
    }

    private JsonNode prove(AgentClient client, String certId, byte[] challenge, byte[] binding) {
        Map<String, String> params = binding == null
                ? Map.of("tokenId", tokenId, "certId", certId, "challenge", b64(challenge))
                : Map.of("tokenId", tokenId, "certId", certId, "challenge", b64(challenge), "binding", b64(binding));
        return client.result("proveKey", params);
    }

    @Test
    void whenGetInfoIsAskedOnV2_thenItSaysVersion2AndPagePinEntryAndListsProveKeyNotSign() {
        JsonNode info = page.result("getInfo", Map.of());

        assertThat(info.get("protocol").asInt()).isEqualTo(2);
        assertThat(info.get("pinEntry").asText()).isEqualTo("page");
        assertThat(info.get("capabilities")).extracting(JsonNode::asText)
                .contains("listTokens", "verifyPin", "proveKey", "signCsr", "writeCert", "deleteKey", "logout", "EC-P256")
                .doesNotContain("sign");
    }

    @Test
    void whenAnEcProofIsMade_thenItVerifiesOverTheMessageOfThisOriginAndChallenge() throws Exception {
        byte[] binding = sha256("the new key's SubjectPublicKeyInfo".getBytes(StandardCharsets.UTF_8));
        JsonNode proof = prove(page, ec.id().hex(), CHALLENGE, binding);

        assertThat(proof.get("algorithm").asText()).isEqualTo("SHA256withECDSA");
        byte[] signature = Base64.getDecoder().decode(proof.get("signature").asText());
        assertThat(verifies("SHA256withECDSA", ec.certificate().getPublicKey(),
                ProofMessage.of(RunningAgent.ORIGIN, CHALLENGE, binding), signature)).isTrue();
    }

    @Test
    void whenAnRsaProofIsMadeWithoutBinding_thenItVerifiesOverTheMessageWithZeroBinding() throws Exception {
        JsonNode proof = prove(page, rsa.id().hex(), CHALLENGE, null);

        assertThat(proof.get("algorithm").asText()).isEqualTo("SHA256withRSA");
        assertThat(verifies("SHA256withRSA", rsa.certificate().getPublicKey(), ProofMessage.of(RunningAgent.ORIGIN, CHALLENGE, null),
                Base64.getDecoder().decode(proof.get("signature").asText()))).isTrue();
    }

    @Test
    void whenAProofIsMadeForOriginA_thenItDoesNotVerifyForOriginB() throws Exception {
        try (AgentClient other = agent.connect(2, OTHER_ORIGIN)) {
            other.result("verifyPin", Map.of("tokenId", tokenId, "pin", TokenFixture.PIN));
            byte[] signature = Base64.getDecoder().decode(prove(other, ec.id().hex(), CHALLENGE, null).get("signature").asText());

            PublicKey key = ec.certificate().getPublicKey();
            assertThat(verifies("SHA256withECDSA", key, ProofMessage.of(OTHER_ORIGIN, CHALLENGE, null), signature)).isTrue();
            assertThat(verifies("SHA256withECDSA", key, ProofMessage.of(RunningAgent.ORIGIN, CHALLENGE, null), signature)).isFalse();
        }
    }

    @Test
    void whenAProofIsBoundToKeyK_thenItDoesNotVerifyForAnotherKey() throws Exception {
        byte[] k = sha256("key K".getBytes(StandardCharsets.UTF_8));
        byte[] kPrime = sha256("key K'".getBytes(StandardCharsets.UTF_8));
        byte[] signature = Base64.getDecoder().decode(prove(page, ec.id().hex(), CHALLENGE, k).get("signature").asText());

        PublicKey key = ec.certificate().getPublicKey();
        assertThat(verifies("SHA256withECDSA", key, ProofMessage.of(RunningAgent.ORIGIN, CHALLENGE, k), signature)).isTrue();
        assertThat(verifies("SHA256withECDSA", key, ProofMessage.of(RunningAgent.ORIGIN, CHALLENGE, kPrime), signature)).isFalse();
        assertThat(verifies("SHA256withECDSA", key, ProofMessage.of(RunningAgent.ORIGIN, CHALLENGE, null), signature)).isFalse();
    }

    @Test
    void whenPageChosenBytesAreOffered_thenNoV2MethodSignsThem() throws Exception {
        for (byte[] chosen : List.of(tls13CertificateVerifyInput(), sha256("a login challenge".getBytes(StandardCharsets.UTF_8)),
                digestInfo(sha256("a CMS payload".getBytes(StandardCharsets.UTF_8))))) {
            JsonNode sign = page.error("sign", Map.of("tokenId", tokenId, "certId", ec.id().hex(), "algorithm", "SHA256withECDSA",
                    "data", b64(chosen)));
            assertThat(sign.get("code").asInt()).isEqualTo(-32601);

            byte[] asChallenge = Arrays.copyOf(chosen, Math.min(Math.max(chosen.length, 32), 64));
            JsonNode proof = page.call("proveKey", Map.of("tokenId", tokenId, "certId", ec.id().hex(), "challenge", b64(asChallenge),
                    "binding", b64(Arrays.copyOf(sha256(chosen), 32))));
            if (proof.has("result")) {
                byte[] signature = Base64.getDecoder().decode(proof.get("result").get("signature").asText());
                PublicKey key = ec.certificate().getPublicKey();
                assertThat(verifies("SHA256withECDSA", key, chosen, signature)).isFalse();
                assertThat(verifies("NONEwithECDSA", key, sha256(chosen), signature)).isFalse();
                if (chosen.length <= 64) { // a raw ECDSA input is at most 64 bytes here
                    assertThat(verifies("NONEwithECDSA", key, chosen, signature)).isFalse();
                }
            } else {
                assertThat(proof.get("error").get("data").get("field").asText()).isEqualTo("challenge");
            }
        }
    }

    @Test
    void whenEveryV2MethodIsGivenPageChosenBytes_thenNoAnswerHoldsASignatureOverThemByTheCertificatesKey() throws Exception {
        PublicKey key = ec.certificate().getPublicKey();
        for (byte[] chosen : List.of(tls13CertificateVerifyInput(), sha256("a login challenge".getBytes(StandardCharsets.UTF_8)),
                digestInfo(sha256("a JWS payload".getBytes(StandardCharsets.UTF_8))))) {
            String asBase64 = b64(chosen);
            String padded = b64(Arrays.copyOf(chosen, Math.min(Math.max(chosen.length, 32), 64)));
            String asHex = HexFormat.of().formatHex(Arrays.copyOf(chosen, 20));
            Map<String, Map<String, String>> calls = new java.util.LinkedHashMap<>();
            calls.put("getInfo", Map.of());
            calls.put("listTokens", Map.of());
            calls.put("verifyPin", Map.of("tokenId", tokenId, "pin", TokenFixture.PIN));
            calls.put("proveKey", Map.of("tokenId", tokenId, "certId", ec.id().hex(), "challenge", padded,
                    "binding", b64(sha256(chosen))));
            calls.put("signCsr", Map.of("tokenId", tokenId, "keyAlgorithm", "EC-P256", "subject", "CN=" + asHex, "label", asHex));
            calls.put("writeCert", Map.of("tokenId", tokenId, "certificate", asBase64, "replaces", ec.id().hex()));
            calls.put("deleteKey", Map.of("tokenId", tokenId, "keyId", asHex));
            calls.put("sign", Map.of("tokenId", tokenId, "certId", ec.id().hex(), "algorithm", "SHA256withECDSA", "data", asBase64));
            calls.put("logout", Map.of("tokenId", tokenId));
            for (Map.Entry<String, Map<String, String>> call : calls.entrySet()) {
                JsonNode answer = page.call(call.getKey(), call.getValue());
                for (byte[] candidate : base64Values(answer)) {
                    assertThat(verifies("SHA256withECDSA", key, chosen, candidate)).as(call.getKey()).isFalse();
                    assertThat(verifies("NONEwithECDSA", key, sha256(chosen), candidate)).as(call.getKey()).isFalse();
                    if (chosen.length <= 64) {
                        assertThat(verifies("NONEwithECDSA", key, chosen, candidate)).as(call.getKey()).isFalse();
                    }
                }
            }
            page.result("verifyPin", Map.of("tokenId", tokenId, "pin", TokenFixture.PIN)); // logout above ended it
        }
    }

    /** Every string in an answer that decodes as base64: whatever could be a signature. */
    private static List<byte[]> base64Values(JsonNode node) {
        List<byte[]> values = new java.util.ArrayList<>();
        if (node.isTextual()) {
            try {
                values.add(Base64.getDecoder().decode(node.textValue()));
            } catch (IllegalArgumentException notBase64) {
                // a name or a message
            }
        }
        node.elements().forEachRemaining(child -> values.addAll(base64Values(child)));
        return values;
    }

    @Test
    void whenOnlyVersion2IsServed_thenAVersion1PageIsRefusedAtTheUpgrade() {
        Throwable refusal = org.assertj.core.api.Assertions.catchThrowable(() -> agent.connect(1).close());

        assertThat(refusal).isNotNull();
        Throwable cause = refusal;
        while (cause != null && !(cause instanceof java.net.http.WebSocketHandshakeException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("a refused handshake in %s", refusal).isInstanceOf(java.net.http.WebSocketHandshakeException.class);
        assertThat(((java.net.http.WebSocketHandshakeException) cause).getResponse().statusCode()).isEqualTo(404);
    }

    @Test
    void whenTheChallengeIsShorterThan32Bytes_thenItIsRefusedNamingTheField() {
        JsonNode error = page.error("proveKey", Map.of("tokenId", tokenId, "certId", ec.id().hex(), "challenge", b64(new byte[31])));

        assertThat(error.get("code").asInt()).isEqualTo(-32602);
        assertThat(error.get("data").get("field").asText()).isEqualTo("challenge");
    }

    @Test
    void whenTheChallengeIsLongerThan64Bytes_thenItIsRefusedNamingTheField() {
        JsonNode error = page.error("proveKey", Map.of("tokenId", tokenId, "certId", ec.id().hex(), "challenge", b64(new byte[65])));

        assertThat(error.get("data").get("field").asText()).isEqualTo("challenge");
    }

    @Test
    void whenTheBindingIsNot32BytesOrAllZero_thenItIsRefusedNamingTheField() {
        for (byte[] binding : List.of(new byte[31], new byte[33], new byte[32])) {
            JsonNode error = page.error("proveKey", Map.of("tokenId", tokenId, "certId", ec.id().hex(), "challenge", b64(CHALLENGE),
                    "binding", b64(binding)));

            assertThat(error.get("code").asInt()).as("binding of %d bytes", binding.length).isEqualTo(-32602);
            assertThat(error.get("data").get("field").asText()).isEqualTo("binding");
        }
    }

    @Test
    void whenTheConnectionIsNotLoggedIn_thenProveKeyNeedsLogin() {
        try (AgentClient other = agent.connect(2)) {
            JsonNode error = other.error("proveKey", Map.of("tokenId", tokenId, "certId", ec.id().hex(), "challenge", b64(CHALLENGE)));

            assertThat(error.get("code").asInt()).isEqualTo(1004);
        }
    }

    /** What a TLS 1.3 client signs in CertificateVerify: 64 spaces, the context string, a zero byte, a transcript hash. */
    static byte[] tls13CertificateVerifyInput() {
        byte[] context = "TLS 1.3, client CertificateVerify".getBytes(StandardCharsets.US_ASCII);
        byte[] input = new byte[64 + context.length + 1 + 32];
        Arrays.fill(input, 0, 64, (byte) 0x20);
        System.arraycopy(context, 0, input, 64, context.length);
        Arrays.fill(input, 64 + context.length + 1, input.length, (byte) 0x5a);
        return input;
    }

    /** A DER DigestInfo of SHA-256, what an RSA PKCS#1 v1.5 signature wraps. */
    static byte[] digestInfo(byte[] hash) {
        byte[] prefix = HexFormat.of().parseHex("3031300d060960864801650304020105000420");
        byte[] info = Arrays.copyOf(prefix, prefix.length + hash.length);
        System.arraycopy(hash, 0, info, prefix.length, hash.length);
        return info;
    }

    static boolean verifies(String algorithm, PublicKey key, byte[] message, byte[] signature) throws Exception {
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(key);
        verifier.update(message);
        try {
            return verifier.verify(signature);
        } catch (java.security.SignatureException e) {
            return false;
        }
    }

    static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}

package com.ukeybridge.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.ukeybridge.agent.config.AgentConfig;
import com.ukeybridge.agent.desktop.KeyCertificate;
import com.ukeybridge.agent.desktop.KeyContents;
import com.ukeybridge.agent.desktop.KeyReader;
import com.ukeybridge.agent.proof.ProofMessage;
import com.ukeybridge.agent.prompt.HeadlessPrompts;
import com.ukeybridge.agent.skf.EnvelopedKeyBlobs;
import com.ukeybridge.skf.EccCipher;
import com.ukeybridge.skf.EccPublicKey;
import com.ukeybridge.skf.Handles;
import com.ukeybridge.skf.PinType;
import com.ukeybridge.skf.SarCode;
import com.ukeybridge.skf.SkfLibrary;
import com.ukeybridge.skf.jna.Packing;
import com.ukeybridge.skf.jna.Skf;
import com.ukeybridge.skf.jna.SkfConstants;
import com.ukeybridge.skf.testing.Gm;
import com.ukeybridge.skf.testing.OpenSsl;
import com.ukeybridge.skf.testing.Sm2Certificates;
import com.ukeybridge.skf.testing.SoftSkf;
import com.ukeybridge.token.CertificateUsage;
import com.ukeybridge.token.TokenRegistry;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GM keys over wss on the real agent: softskf devices through the agent's SKF backend (JNA),
 * SM2 requests and proofs checked by Bouncy Castle and OpenSSL, the dual-certificate renewal
 * with the never-lose rule (a fault injected into the real library between the steps), and the
 * new encryption key checked by decrypting on the device.
 */
@Tag("softskf")
class GmKeysTest {
    private static final String PIN = "123456";
    private static final Duration POLL = Duration.ofSeconds(2);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** An SKF function (and a test of its arguments) to fail once with SAR_FAIL, as a key pulled mid-write would. */
    private static final AtomicReference<Fault> FAULT = new AtomicReference<>();

    @TempDir
    static Path dir;
    private static SoftSkf softSkf;
    private static RunningAgent agent;

    private record Fault(String function, Predicate<Object[]> when) {
    }

    @BeforeAll
    static void start() {
        softSkf = SoftSkf.create();
        agent = RunningAgent.start(TokenRegistry.open(List.of(), Duration.ofSeconds(1), Duration.ofSeconds(30)),
                path -> new SkfLibrary(faulty(SoftSkf.raw()), Packing.DEFAULT), dir, new HeadlessPrompts(),
                config -> new AgentConfig(config.ports(), List.of(RunningAgent.ORIGIN),
                        List.of(), config.tlsDir(), config.dataDir(), config.warnDays(), config.updateSiteUrl(),
                        Optional.of(false), List.of(1, 2), true, Map.of(), List.of(SoftSkf.LIBRARY)));
    }

    @AfterAll
    static void stop() {
        agent.close();
        softSkf.close();
    }

    @Test
    void whenGetInfoIsAskedOnVersion2_thenSm2IsOfferedAndVersion1StaysAsItWas() {
        try (AgentClient v2 = agent.connect(2); AgentClient v1 = agent.connect(1)) {
            assertThat(v2.result("getInfo", Map.of()).get("capabilities")).extracting(JsonNode::asText)
                    .contains("SM2", "SM3withSM2");
            assertThat(v1.result("getInfo", Map.of()).get("capabilities")).extracting(JsonNode::asText)
                    .doesNotContain("SM2", "SM3withSM2");
        }
    }

    @Test
    void whenAVersion1PageAsksForSm2_thenItIsAnUnsupportedAlgorithmAsItAlwaysWas() throws Exception {
        softSkf.initDevice("GM V1", PIN);
        try (AgentClient v1 = agent.connect(1)) {
            String tokenId = awaitToken(v1, "GM V1", t -> true).get("tokenId").asText();
            v1.result("verifyPin", Map.of("tokenId", tokenId, "pin", PIN));

            JsonNode csr = v1.error("signCsr", Map.of("tokenId", tokenId, "keyAlgorithm", "SM2", "subject", "CN=x"));
            JsonNode sign = v1.error("sign", Map.of("tokenId", tokenId, "certId", "00", "algorithm", "SM3withSM2", "data", b64(random(8))));

            assertThat(reason(csr)).isEqualTo("UNSUPPORTED_ALGORITHM");
            assertThat(csr.get("data").get("supported")).extracting(JsonNode::asText).containsExactly("RSA-2048", "EC-P256");
            assertThat(reason(sign)).isEqualTo("UNSUPPORTED_ALGORITHM");
            assertThat(sign.get("data").get("supported")).extracting(JsonNode::asText).doesNotContain("SM3withSM2");
        }
    }

    @Test
    void whenAGmKeyWithADualPairIsPlugged_thenListTokensShowsItsDeviceInfoPinCounterAndBothCertificatesWithUsage() throws Exception {
        String device = softSkf.initDevice("GM List", PIN, "--serial", "00112233445566aa");
        provisionDual(device, "CN=张三,O=Old");
        try (AgentClient page = agent.connect(2)) {
            JsonNode token = awaitToken(page, "GM List", t -> t.get("certificates").size() == 2);

            assertThat(token.get("serialNumber").asText()).isEqualTo("00112233445566aa");
            assertThat(token.get("model").asText()).isEqualTo("SKF");
            assertThat(token.get("tokenId").asText()).matches("[0-9a-f]{24}");
            assertThat(token.get("pin").get("retriesLeft").asInt()).isEqualTo(10);
            assertThat(token.get("pin").get("maxRetries").asInt()).isEqualTo(10);
            assertThat(token.get("pin").get("minLength").asInt()).isEqualTo(6);
            List<JsonNode> certificates = list(token.get("certificates"));
            assertThat(certificates).extracting(c -> c.get("usage").asText()).containsExactly("signing", "encryption");
            assertThat(certificates).extracting(c -> c.get("keyAlgorithm").asText()).containsOnly("SM2");
            assertThat(certificates).extracting(c -> c.get("label").asText()).containsOnly("issuer-tool-container");
            assertThat(certificates.get(0).get("certId").asText()).endsWith("01");
            assertThat(certificates.get(1).get("certId").asText()).endsWith("02")
                    .startsWith(certificates.get(0).get("certId").asText().substring(0, 32));
        }
        KeyContents tray = KeyReader.read(agent.agent().tokens().stream()
                .filter(t -> t.info().label().equals("GM List")).findFirst().orElseThrow()).orElseThrow();
        assertThat(tray.certificates()).extracting(KeyCertificate::usage)
                .containsExactly(CertificateUsage.SIGNING, CertificateUsage.ENCRYPTION);
        assertThat(tray.certificates()).extracting(KeyCertificate::pair).containsOnly(Optional.of("issuer-tool-container"));
        try (AgentClient v1 = agent.connect(1)) {
            JsonNode token = awaitToken(v1, "GM List", t -> true);
            assertThat(token.get("pin").has("retriesLeft")).isFalse();
            assertThat(token.get("certificates").get(0).has("usage")).isFalse();
        }
    }

    @Test
    void whenAGmKeyIsUnpluggedAndPluggedBack_thenTokensChangedTellsEachWithinThePollInterval() throws Exception {
        String device = softSkf.initDevice("GM Plug", PIN);
        try (AgentClient page = agent.connect(2)) {
            String tokenId = awaitToken(page, "GM Plug", t -> true).get("tokenId").asText();
            page.drainNotifications();

            long unplugged = System.nanoTime();
            softSkf.unplug(device);
            awaitNotification(page, tokens -> find(tokens, "GM Plug") == null);
            assertThat(Duration.ofNanos(System.nanoTime() - unplugged)).isLessThan(POLL);

            long plugged = System.nanoTime();
            softSkf.plug(device);
            JsonNode back = awaitNotification(page, tokens -> find(tokens, "GM Plug") != null);
            assertThat(Duration.ofNanos(System.nanoTime() - plugged)).isLessThan(POLL);
            assertThat(find(back, "GM Plug").get("tokenId").asText()).isEqualTo(tokenId);
        }
    }

    @Test
    void whenPagePinsAreWrongOrShort_thenVersion2sRulesHoldOnAGmKeyWithItsRetryCounter() throws Exception {
        softSkf.initDevice("GM Pin", PIN);
        try (AgentClient page = agent.connect(2)) {
            String tokenId = awaitToken(page, "GM Pin", t -> true).get("tokenId").asText();

            JsonNode shortPin = page.error("verifyPin", Map.of("tokenId", tokenId, "pin", "12345"));
            assertThat(shortPin.get("data").get("reason").asText()).isEqualTo("PIN_INVALID");
            assertThat(find(page.result("listTokens", Map.of()), "GM Pin").get("pin").get("retriesLeft").asInt())
                    .as("a PIN of the wrong length costs no try").isEqualTo(10);

            JsonNode wrong = page.error("verifyPin", Map.of("tokenId", tokenId, "pin", "654321"));
            assertThat(wrong.get("data").get("reason").asText()).isEqualTo("PIN_INCORRECT");
            assertThat(wrong.get("data").get("retriesLeft").asInt()).isEqualTo(9);
            JsonNode pin = find(page.result("listTokens", Map.of()), "GM Pin").get("pin");
            assertThat(pin.get("retriesLeft").asInt()).isEqualTo(9);
            assertThat(pin.get("countLow").asBoolean()).isTrue();
            assertThat(find(page.result("listTokens", Map.of()), "GM Pin").get("loggedIn").asBoolean()).isFalse();

            JsonNode low = page.error("verifyPin", Map.of("tokenId", tokenId, "pin", PIN));
            assertThat(low.get("data").get("reason").asText()).isEqualTo("PIN_TRIES_LOW");
            assertThat(find(page.result("listTokens", Map.of()), "GM Pin").get("pin").get("retriesLeft").asInt())
                    .as("the token was not asked").isEqualTo(9);
        }
    }

    @Test
    void whenAPagePinIsRight_thenTheConnectionIsLoggedInToTheGmKeyAndAnotherIsNot() throws Exception {
        softSkf.initDevice("GM Login", PIN);
        try (AgentClient page = agent.connect(2); AgentClient other = agent.connect(2)) {
            String tokenId = awaitToken(page, "GM Login", t -> true).get("tokenId").asText();

            assertThat(page.result("verifyPin", Map.of("tokenId", tokenId, "pin", PIN)).get("loggedIn").asBoolean()).isTrue();

            assertThat(find(page.result("listTokens", Map.of()), "GM Login").get("loggedIn").asBoolean()).isTrue();
            assertThat(find(other.result("listTokens", Map.of()), "GM Login").get("loggedIn").asBoolean()).isFalse();
            assertThat(other.error("signCsr", Map.of("tokenId", tokenId, "keyAlgorithm", "SM2", "subject", "CN=x"))
                    .get("data").get("reason").asText()).isEqualTo("LOGIN_REQUIRED");
        }
    }

    @Test
    void whenSignCsrMakesAnSm2Key_thenTheRequestIsSm3WithSm2AndOpenSslAndBouncyCastleVerifyIt() throws Exception {
        softSkf.initDevice("GM Csr", PIN);
        try (AgentClient page = agent.connect(2)) {
            String tokenId = loggedIn(page, "GM Csr");

            JsonNode made = page.result("signCsr", Map.of("tokenId", tokenId, "keyAlgorithm", "SM2", "subject", "CN=张三,O=测试单位,C=CN"));

            byte[] der = Base64.getDecoder().decode(made.get("csr").asText());
            PKCS10CertificationRequest csr = new PKCS10CertificationRequest(der);
            assertThat(csr.getSignatureAlgorithm().getAlgorithm()).isEqualTo(GMObjectIdentifiers.sm2sign_with_sm3);
            assertThat(csr.getSignatureAlgorithm().getAlgorithm().getId()).isEqualTo("1.2.156.10197.1.501");
            SubjectPublicKeyInfo spki = csr.getSubjectPublicKeyInfo();
            assertThat(spki.getAlgorithm().getAlgorithm()).isEqualTo(X9ObjectIdentifiers.id_ecPublicKey);
            assertThat(spki.getAlgorithm().getParameters()).isEqualTo(GMObjectIdentifiers.sm2p256v1);
            assertThat(csr.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(new BouncyCastleProvider())
                    .build(spki))).isTrue();
            assertThat(openSslVerifiesRequest(der)).isTrue();
            assertThat(made.get("keyId").asText()).matches("[0-9a-f]{32}01");
        }
    }

    @Test
    void whenProveKeyUsesAnSm2Key_thenTheSignatureIsSm3WithSm2OverTheProofMessageForBouncyCastleAndOpenSsl() throws Exception {
        String device = softSkf.initDevice("GM Prove", PIN);
        EccPublicKey signingKey = provisionDual(device, "CN=李四");
        try (AgentClient page = agent.connect(2)) {
            String tokenId = loggedIn(page, "GM Prove");
            JsonNode token = find(page.result("listTokens", Map.of()), "GM Prove");
            String signingCert = certId(token, "signing");
            byte[] challenge = random(32);

            JsonNode proof = page.result("proveKey", Map.of("tokenId", tokenId, "certId", signingCert, "challenge", b64(challenge)));

            assertThat(proof.get("algorithm").asText()).isEqualTo("SM3withSM2");
            byte[] signature = Base64.getDecoder().decode(proof.get("signature").asText());
            byte[] message = ProofMessage.of(RunningAgent.ORIGIN, challenge, null);
            assertThat(message).hasSize(ProofMessage.LENGTH);
            assertThat(Gm.verify(signingKey, message, signature)).as("BC SM2Signer, default ID").isTrue();
            assertThat(OpenSsl.verify(signingKey, message, signature)).as("openssl pkeyutl -verify, distid").isTrue();
            assertThat(Gm.verify(signingKey, challenge, signature)).as("the page's bytes are not what is signed").isFalse();
        }
    }

    @Test
    void whenADualPairIsRenewed_thenTheOldContainerGoesOnlyOnceTheNewIsCompleteAndTheNewEncryptionKeyDecrypts() throws Exception {
        String device = softSkf.initDevice("GM Renew", PIN);
        provisionDual(device, "CN=王五");
        try (AgentClient page = agent.connect(2)) {
            String tokenId = loggedIn(page, "GM Renew");
            JsonNode before = find(page.result("listTokens", Map.of()), "GM Renew");
            Renewal renewal = Renewal.start(page, tokenId, "CN=王五");

            JsonNode signing = page.result("writeCert", Map.of("tokenId", tokenId, "certificate", b64(renewal.signingCertificate()),
                    "replaces", certId(before, "signing")));

            assertThat(signing.get("certId").asText()).isEqualTo(renewal.keyId());
            assertThat(containers(device)).as("the old container waits for the new encryption pair").hasSize(2);

            JsonNode encryption = page.result("writeCert", renewal.encryptionWrite(tokenId, certId(before, "encryption")));

            assertThat(encryption.get("certId").asText()).isEqualTo(renewal.keyId().substring(0, 32) + "02");
            assertThat(containers(device)).hasSize(1);
            JsonNode after = find(page.result("listTokens", Map.of()), "GM Renew");
            assertThat(list(after.get("certificates"))).extracting(c -> c.get("der").asText())
                    .containsExactly(b64(renewal.signingCertificate()), b64(renewal.encryptionCertificate()));
            assertThat(decryptsOnDevice(device, containers(device).get(0), renewal.encryptionKey())).isTrue();
        }
    }

    @Test
    void whenADualPairIsLoadedOntoABlankGmKey_thenItsOneContainerHoldsBothAndTheEncryptionKeyDecrypts() throws Exception {
        String device = softSkf.initDevice("GM Blank", PIN);
        try (AgentClient page = agent.connect(2)) {
            String tokenId = loggedIn(page, "GM Blank");
            assertThat(find(page.result("listTokens", Map.of()), "GM Blank").get("certificates")).isEmpty();
            Renewal download = Renewal.start(page, tokenId, "CN=吴九");

            page.result("writeCert", Map.of("tokenId", tokenId, "certificate", b64(download.signingCertificate())));
            page.result("writeCert", download.encryptionWrite(tokenId, null));

            JsonNode token = find(page.result("listTokens", Map.of()), "GM Blank");
            assertThat(list(token.get("certificates"))).extracting(c -> c.get("usage").asText() + " " + c.get("hasPrivateKey").asBoolean())
                    .containsExactly("signing true", "encryption true");
            assertThat(containers(device)).hasSize(1);
            assertThat(decryptsOnDevice(device, containers(device).get(0), download.encryptionKey())).isTrue();
            assertThat(reason(page.error("deleteKey", Map.of("tokenId", tokenId, "keyId", download.keyId()))))
                    .as("certified now: not deleteKey's").isEqualTo("KEY_HAS_CERTIFICATE");
        }
    }

    /** Each SKF call of a renewal that writes or deletes, failing once as a key pulled mid-write would. */
    @ParameterizedTest
    @ValueSource(strings = {"SKF_ImportCertificate signing", "SKF_ImportECCKeyPair", "SKF_ImportCertificate encryption",
            "SKF_DeleteContainer"})
    void whenARenewalStepFailsOnTheToken_thenTheOldContainerStaysUsableAndARetryFinishes(String failing) throws Exception {
        String label = "GM Fault " + failing.hashCode();
        String device = softSkf.initDevice(label, PIN);
        EccPublicKey oldKey = provisionDual(device, "CN=赵六");
        try (AgentClient page = agent.connect(2)) {
            String tokenId = loggedIn(page, label);
            JsonNode before = find(page.result("listTokens", Map.of()), label);
            Renewal renewal = Renewal.start(page, tokenId, "CN=赵六");
            String[] call = failing.split(" ");
            FAULT.set(new Fault(call[0], args -> call.length == 1
                    || ((Integer) args[1]) == (call[1].equals("signing") ? SkfConstants.TRUE : SkfConstants.FALSE)));

            for (Map<String, Object> step : List.of(Map.<String, Object>of("tokenId", tokenId, "certificate",
                    b64(renewal.signingCertificate()), "replaces", certId(before, "signing")),
                    renewal.encryptionWrite(tokenId, certId(before, "encryption")))) {
                JsonNode response = page.call("writeCert", step);
                if (response.has("error")) {
                    assertThat(reason(response.get("error"))).isEqualTo("TOKEN_ERROR");
                    assertOldContainerUsable(page, label, tokenId, before, oldKey);
                    response = page.call("writeCert", step);
                }
                assertThat(response.has("result")).as("the step or its retry: " + response).isTrue();
            }

            assertThat(FAULT.get()).as("the fault was hit").isNull();
            assertThat(containers(device)).hasSize(1);
            assertThat(list(find(page.result("listTokens", Map.of()), label).get("certificates")))
                    .extracting(c -> c.get("der").asText())
                    .containsExactly(b64(renewal.signingCertificate()), b64(renewal.encryptionCertificate()));
            assertThat(decryptsOnDevice(device, containers(device).get(0), renewal.encryptionKey())).isTrue();
        }
    }

    private static void assertOldContainerUsable(AgentClient page, String label, String tokenId, JsonNode before,
                                                 EccPublicKey oldKey) {
        JsonNode meanwhile = find(page.result("listTokens", Map.of()), label);
        assertThat(list(meanwhile.get("certificates"))).extracting(c -> c.get("der").asText())
                .contains(list(before.get("certificates")).stream().map(c -> c.get("der").asText()).toArray(String[]::new));
        byte[] challenge = random(32);
        JsonNode proof = page.result("proveKey", Map.of("tokenId", tokenId, "certId", certId(before, "signing"), "challenge", b64(challenge)));
        assertThat(Gm.verify(oldKey, ProofMessage.of(RunningAgent.ORIGIN, challenge, null),
                Base64.getDecoder().decode(proof.get("signature").asText()))).as("the old key still signs").isTrue();
    }

    @Test
    void whenTheEnvelopeIsBadOrForAnotherKey_thenTheWriteIsRefusedAndNothingChanges() throws Exception {
        String device = softSkf.initDevice("GM Bad", PIN);
        try (AgentClient page = agent.connect(2)) {
            String tokenId = loggedIn(page, "GM Bad");
            Renewal renewal = Renewal.start(page, tokenId, "CN=孙七");
            page.result("writeCert", Map.of("tokenId", tokenId, "certificate", b64(renewal.signingCertificate())));
            Map<String, Object> write = new HashMap<>(renewal.encryptionWrite(tokenId, null));

            write.put("envelopedKey", b64(random(100)));
            assertThat(reason(page.error("writeCert", write))).isEqualTo("INVALID_PARAMS");
            AsymmetricCipherKeyPair stranger = Gm.generateKeyPair();
            write.put("envelopedKey", b64(EnvelopedKeyBlobs.encode(Gm.envelope(renewal.encryptionKey(), Gm.publicKey(stranger)))));
            assertThat(reason(page.error("writeCert", write))).as("enveloped to another signing key").isEqualTo("INVALID_PARAMS");
            write.put("envelopedKey", b64(EnvelopedKeyBlobs.encode(Gm.envelope(Gm.generateKeyPair(), renewal.signingKey()))));
            assertThat(reason(page.error("writeCert", write))).as("not the certificate's key pair").isEqualTo("CERT_KEY_MISMATCH");
            write.put("usage", "both");
            assertThat(reason(page.error("writeCert", write))).isEqualTo("INVALID_PARAMS");

            assertThat(list(find(page.result("listTokens", Map.of()), "GM Bad").get("certificates")))
                    .extracting(c -> c.get("usage").asText()).containsExactly("signing");
            assertThat(containers(device)).hasSize(1);
        }
    }

    @Test
    void whenDeleteKeyNamesAnSm2KeyMadeBySignCsr_thenItsContainerGoesAndOneWithACertificateStays() throws Exception {
        String device = softSkf.initDevice("GM Delete", PIN);
        provisionDual(device, "CN=周八");
        try (AgentClient page = agent.connect(2)) {
            String tokenId = loggedIn(page, "GM Delete");
            String made = page.result("signCsr", Map.of("tokenId", tokenId, "keyAlgorithm", "SM2", "subject", "CN=周八"))
                    .get("keyId").asText();
            assertThat(containers(device)).hasSize(2);

            assertThat(page.result("deleteKey", Map.of("tokenId", tokenId, "keyId", made)).get("deleted").asBoolean()).isTrue();

            assertThat(containers(device)).containsExactly("issuer-tool-container");
            String old = certId(find(page.result("listTokens", Map.of()), "GM Delete"), "signing");
            assertThat(reason(page.error("deleteKey", Map.of("tokenId", tokenId, "keyId", old)))).isEqualTo("KEY_HAS_CERTIFICATE");
            assertThat(containers(device)).hasSize(1);
        }
    }

    // ---- the site's side of a renewal, as the skf test-jar builds it

    /** A new signing key by signCsr, its certificate, and an encryption key pair the "KMC" made and enveloped to it. */
    private record Renewal(String keyId, EccPublicKey signingKey, byte[] signingCertificate,
                           AsymmetricCipherKeyPair encryptionKey, byte[] encryptionCertificate) {
        static Renewal start(AgentClient page, String tokenId, String subject) throws Exception {
            JsonNode made = page.result("signCsr", Map.of("tokenId", tokenId, "keyAlgorithm", "SM2", "subject", subject));
            PKCS10CertificationRequest csr = new PKCS10CertificationRequest(Base64.getDecoder().decode(made.get("csr").asText()));
            EccPublicKey key = EccPublicKey.fromUncompressed(csr.getSubjectPublicKeyInfo().getPublicKeyData().getBytes());
            AsymmetricCipherKeyPair encryption = Gm.generateKeyPair();
            return new Renewal(made.get("keyId").asText(), key, Sm2Certificates.issue(subject, key, true), encryption,
                    Sm2Certificates.issue(subject, Gm.publicKey(encryption), false));
        }

        Map<String, Object> encryptionWrite(String tokenId, String replaces) {
            Map<String, Object> params = new HashMap<>(Map.of("tokenId", tokenId, "usage", "encryption", "keyId", keyId,
                    "certificate", b64(encryptionCertificate),
                    "envelopedKey", b64(EnvelopedKeyBlobs.encode(Gm.envelope(encryptionKey, signingKey)))));
            if (replaces != null) {
                params.put("replaces", replaces);
            }
            return params;
        }
    }

    // ---- helpers

    /** What an issuer's tool leaves on a GM key: one container with a signing pair and a KMC's encryption pair, each certified. */
    private static EccPublicKey provisionDual(String device, String subject) {
        return onDevice(device, (skf, app) -> {
            Handles.Container container = skf.createContainer(app, "issuer-tool-container");
            EccPublicKey signing = skf.generateSigningKeyPair(container, SkfConstants.SGD_SM2_1);
            skf.importCertificate(container, true, Sm2Certificates.issue(subject, signing, true));
            AsymmetricCipherKeyPair encryption = Gm.generateKeyPair();
            skf.importEncryptionKeyPair(container, Gm.envelope(encryption, signing));
            skf.importCertificate(container, false, Sm2Certificates.issue(subject, Gm.publicKey(encryption), false));
            skf.closeContainer(container);
            return signing;
        });
    }

    private static List<String> containers(String device) {
        return onDevice(device, (skf, app) -> skf.enumContainers(app));
    }

    /** An SM4 key encrypted (by OpenSSL) to the encryption certificate's key comes out right from the device's ECCDecrypt. */
    private static boolean decryptsOnDevice(String device, String container, AsymmetricCipherKeyPair encryptionKey) {
        byte[] secret = random(16);
        EccCipher cipher = OpenSsl.encrypt(Gm.publicKey(encryptionKey), secret);
        byte[] plain = onDevice(device, (skf, app) -> {
            Handles.Container handle = skf.openContainer(app, container);
            try {
                return skf.decrypt(handle, cipher);
            } finally {
                skf.closeContainer(handle);
            }
        });
        return Arrays.equals(plain, secret);
    }

    private interface DeviceWork<T> {
        T run(SkfLibrary skf, Handles.Application app);
    }

    /** Works on the device beside the agent (same process, so the login is shared: it is left as it was found). */
    private static <T> T onDevice(String device, DeviceWork<T> work) {
        SkfLibrary skf = SoftSkf.library();
        Handles.Device handle = skf.connect(device);
        try {
            Handles.Application app = skf.openApplication(handle, SoftSkf.APPLICATION);
            skf.verifyPin(app, PinType.USER, PIN.toCharArray());
            return work.run(skf, app);
        } finally {
            skf.disconnect(handle);
        }
    }

    private static String loggedIn(AgentClient page, String label) throws InterruptedException {
        String tokenId = awaitToken(page, label, t -> true).get("tokenId").asText();
        page.result("verifyPin", Map.of("tokenId", tokenId, "pin", PIN));
        return tokenId;
    }

    /** The token once listTokens shows it as {@code ready} wants, waiting for tokensChanged in between. */
    private static JsonNode awaitToken(AgentClient page, String label, Predicate<JsonNode> ready) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            JsonNode token = find(page.result("listTokens", Map.of()), label);
            if (token != null && ready.test(token)) {
                return token;
            }
            page.nextNotification(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        }
    }

    private static JsonNode awaitNotification(AgentClient page, Predicate<JsonNode> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + POLL.toNanos() * 2;
        while (true) {
            JsonNode notification = page.nextNotification(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if ("tokensChanged".equals(notification.path("method").asText()) && wanted.test(notification.get("params"))) {
                return notification.get("params");
            }
        }
    }

    private static JsonNode find(JsonNode tokens, String label) {
        for (JsonNode token : tokens.get("tokens")) {
            if (token.get("label").asText().equals(label)) {
                return token;
            }
        }
        return null;
    }

    private static String certId(JsonNode token, String usage) {
        return list(token.get("certificates")).stream().filter(c -> c.get("usage").asText().equals(usage)).findFirst()
                .orElseThrow().get("certId").asText();
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }

    private static String reason(JsonNode error) {
        return error.get("data").get("reason").asText();
    }

    private static boolean openSslVerifiesRequest(byte[] der) throws Exception {
        Path csr = Files.write(dir.resolve("request-" + System.nanoTime() + ".der"), der);
        // OpenSSL 3.0 verifies SM2 requests with an empty ID unless told the default one.
        Process process = new ProcessBuilder("openssl", "req", "-verify", "-noout", "-inform", "DER", "-in", csr.toString(),
                "-vfyopt", "distid:1234567812345678")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        return process.waitFor() == 0 && output.contains("verify OK");
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** The real library, with {@link #FAULT} answered SAR_FAIL once instead of calling it. */
    private static Skf faulty(Skf real) {
        return (Skf) Proxy.newProxyInstance(Skf.class.getClassLoader(), new Class<?>[] {Skf.class}, (proxy, method, args) -> {
            Fault fault = FAULT.get();
            if (fault != null && method.getName().equals(fault.function()) && fault.when().test(args)
                    && FAULT.compareAndSet(fault, null)) {
                return SarCode.SAR_FAIL.code();
            }
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }
}

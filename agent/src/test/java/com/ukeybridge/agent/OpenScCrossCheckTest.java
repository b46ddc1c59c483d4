package com.ukeybridge.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.ukeybridge.token.testing.Pkcs11ToolObjects;
import com.ukeybridge.token.testing.Pkcs11ToolObjects.Listed;
import com.ukeybridge.token.testing.TestCa;
import com.ukeybridge.token.testing.TokenFixture;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What another PKCS#11 application (OpenSC's pkcs11-tool) sees of what a page wrote through the agent. */
@Tag("softhsm")
class OpenScCrossCheckTest {
    private static final String LABEL = "Cross Key";

    @TempDir
    Path dir;

    private TokenFixture tokens;
    private RunningAgent agent;
    private AgentClient page;
    private String tokenId;

    @BeforeEach
    void start() {
        tokens = TokenFixture.open(LABEL);
        tokenId = tokens.token(LABEL).id().value();
        agent = RunningAgent.start(tokens, dir);
        page = agent.connect();
        page.result("verifyPin", Map.of("tokenId", tokenId, "pin", TokenFixture.PIN));
    }

    @AfterEach
    void stop() {
        page.close();
        agent.close();
        tokens.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"EC-P256", "RSA-2048"})
    void whenAPageMadeAKeyAndWroteItsCertificate_thenPkcs11ToolSeesBothKeyHalvesAndTheCertificateUnderTheCertId(String keyAlgorithm)
            throws Exception {
        String subject = "CN=Cross " + keyAlgorithm + ",O=Example,C=CN";
        JsonNode request = page.result("signCsr", Map.of("tokenId", tokenId, "keyAlgorithm", keyAlgorithm, "subject", subject));
        JcaPKCS10CertificationRequest csr = new JcaPKCS10CertificationRequest(Base64.getDecoder().decode(request.get("csr").asText()));
        X509Certificate certificate = TestCa.create().issue(csr.getPublicKey(), subject, Instant.now().plus(Duration.ofDays(365)));
        byte[] der = certificate.getEncoded();

        String certId = page.result("writeCert", Map.of("tokenId", tokenId, "certificate", Base64.getEncoder().encodeToString(der)))
                .get("certId").asText();

        // pkcs11-tool --module <SoftHsm.MODULE> --token-label … --login --pin … --list-objects
        List<Listed> objects = Pkcs11ToolObjects.list(tokens.hsm(), LABEL, TokenFixture.PIN);
        assertThat(objects).hasSize(3).allSatisfy(o -> assertThat(o.id()).isEqualTo(certId));
        assertThat(certId).isEqualTo(request.get("keyId").asText());
        assertThat(objects).filteredOn(Listed::isPrivateKey).singleElement().satisfies(key -> {
            assertThat(key.access()).contains("sensitive", "always sensitive", "never extractable").doesNotContain("extractable");
            assertThat(key.text()).containsPattern("Usage:\\s+.*sign");
            assertThat(key.detail()).startsWith(keyAlgorithm.startsWith("RSA") ? "RSA" : "EC");
        });
        assertThat(objects).filteredOn(Listed::isPublicKey).hasSize(1);
        assertThat(objects).filteredOn(Listed::isCertificate).singleElement()
                .satisfies(o -> assertThat(o.text()).contains("Cross " + keyAlgorithm));

        byte[] read = tokens.hsm().pkcs11ToolBytes("--token-label", LABEL, "--read-object", "--type", "cert", "--id", certId);
        assertThat(read).isEqualTo(der);
    }
}

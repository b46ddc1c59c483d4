package com.ukeybridge.token;

import com.ukeybridge.token.testing.Pkcs11ToolObjects;
import com.ukeybridge.token.testing.TestCertificates;
import com.ukeybridge.token.testing.TokenFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What another PKCS#11 application (OpenSC's pkcs11-tool) sees of what we wrote. */
@Tag("softhsm")
class OpenScCrossCheckTest {
    private static TokenFixture fixture;

    @BeforeAll
    static void open() {
        fixture = TokenFixture.open("Cross");
    }

    @AfterAll
    static void close() {
        fixture.close();
    }

    @ParameterizedTest
    // The PKCS#11 key algorithms; SM2 keys are made on SKF tokens (the agent's SKF backend).
    @EnumSource(value = KeyAlgorithm.class, names = {"RSA_2048", "EC_P256"})
    void whenKeyGeneratedAndCertificateStored_thenPkcs11ToolSeesPrivateKeyPublicKeyAndCertificateUnderOneId(KeyAlgorithm algorithm)
            throws Exception {
        TestCertificates.Provisioned provisioned = TestCertificates.provision(fixture.token(), TokenFixture.PIN.toCharArray(),
                algorithm, "CN=Cross " + algorithm.protocolName(), Duration.ofDays(30));
        String id = provisioned.id().hex();

        List<Pkcs11ToolObjects.Listed> objects = Pkcs11ToolObjects.list(fixture.hsm(), "Cross", TokenFixture.PIN).stream()
                .filter(o -> o.id().equals(id)).toList();

        assertThat(objects).hasSize(3);
        assertThat(objects).filteredOn(Pkcs11ToolObjects.Listed::isPrivateKey).singleElement().satisfies(o -> {
            assertThat(o.access()).contains("sensitive", "never extractable").doesNotContain("extractable");
            assertThat(o.text()).containsPattern("Usage:\\s+.*sign");
        });
        assertThat(objects).filteredOn(Pkcs11ToolObjects.Listed::isPublicKey).hasSize(1);
        assertThat(objects).filteredOn(Pkcs11ToolObjects.Listed::isCertificate).singleElement()
                .satisfies(o -> assertThat(o.text()).contains("CN=Cross " + algorithm.protocolName()));

        byte[] read = fixture.hsm().pkcs11ToolBytes("--read-object", "--type", "cert", "--id", id);
        assertThat(read).isEqualTo(provisioned.certificate().getEncoded());
    }
}

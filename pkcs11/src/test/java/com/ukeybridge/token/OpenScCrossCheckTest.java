package com.ukeybridge.token;

import com.ukeybridge.token.testing.TestCertificates;
import com.ukeybridge.token.testing.TokenFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    @EnumSource(KeyAlgorithm.class)
    void whenKeyGeneratedAndCertificateStored_thenPkcs11ToolSeesPrivateKeyPublicKeyAndCertificateUnderOneId(KeyAlgorithm algorithm)
            throws Exception {
        TestCertificates.Provisioned provisioned = TestCertificates.provision(fixture.token(), TokenFixture.PIN.toCharArray(),
                algorithm, "CN=Cross " + algorithm.protocolName(), Duration.ofDays(30));
        String id = provisioned.id().hex();

        String listing = fixture.hsm().pkcs11Tool("--login", "--pin", TokenFixture.PIN, "--list-objects");
        List<String> objects = objectsWithId(listing, id);

        assertThat(objects).hasSize(3);
        assertThat(objects).filteredOn(o -> o.startsWith("Private Key Object")).singleElement().satisfies(o -> {
            assertThat(accessFlags(o)).contains("sensitive", "never extractable").doesNotContain("extractable");
            assertThat(o).containsPattern("Usage:\\s+.*sign");
        });
        assertThat(objects).filteredOn(o -> o.startsWith("Public Key Object")).hasSize(1);
        assertThat(objects).filteredOn(o -> o.startsWith("Certificate Object")).singleElement()
                .satisfies(o -> assertThat(o).contains("CN=Cross " + algorithm.protocolName()));

        byte[] read = fixture.hsm().pkcs11ToolBytes("--read-object", "--type", "cert", "--id", id);
        assertThat(read).isEqualTo(provisioned.certificate().getEncoded());
    }

    /** pkcs11-tool prints one block per object, each starting at column 0 and holding an "ID:" line. */
    private static List<String> objectsWithId(String listing, String id) {
        return Arrays.stream(listing.split("\n(?=\\S)"))
                .filter(block -> Pattern.compile("^\\s+ID:\\s+" + id + "\\s*$", Pattern.MULTILINE).matcher(block).find())
                .toList();
    }

    private static List<String> accessFlags(String block) {
        Matcher m = Pattern.compile("Access:\\s+(.*)").matcher(block);
        return m.find() ? List.of(m.group(1).trim().split(",\\s*")) : List.of();
    }
}

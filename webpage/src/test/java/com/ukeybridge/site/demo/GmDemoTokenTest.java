package com.ukeybridge.site.demo;

import com.ukeybridge.token.testing.SoftHsm;
import com.ukeybridge.token.testing.TokenFixture;
import com.ukeybridge.skf.EccPublicKey;
import com.ukeybridge.skf.Handles;
import com.ukeybridge.skf.PinType;
import com.ukeybridge.skf.SkfLibrary;
import com.ukeybridge.skf.testing.Gm;
import com.ukeybridge.skf.testing.SoftSkf;
import com.ukeybridge.skf.testing.SoftSkfExtension;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The demo's GM key: filled on a softskf device as the README says, through the real library. */
@Tag("softskf")
class GmDemoTokenTest {
    @RegisterExtension
    static final SoftSkfExtension SOFTSKF = new SoftSkfExtension();
    private static SoftHsm hsm;
    private static SiteDemo demo;
    private static GmDemoToken token;

    @BeforeAll
    static void start() throws Exception {
        hsm = SoftHsm.create();
        hsm.initToken("UKey Demo", TokenFixture.PIN);
        demo = SiteDemo.start(new SiteDemo.Settings(Files.createTempDirectory("gm-demo-"), SoftHsm.MODULE, "UKey Demo", "UKey Blank",
                TokenFixture.PIN, 0, URI.create("wss://127.0.0.1:28443/v2")), Clock.systemUTC());
        token = GmDemoToken.load(SoftSkf.LIBRARY);
    }

    @AfterAll
    static void stop() {
        demo.close();
        hsm.close();
    }

    @Test
    void whenSeeded_thenTheDeviceHoldsThePairFromTheSm2CaAndDecryptsWithTheEnvelopedKey() throws Exception {
        SkfLibrary skf = SOFTSKF.skf();
        try (SoftSkfExtension.Session session = SOFTSKF.loggedIn("UKey GM")) {
            SiteDemo.GmPair pair = token.seed(demo, "UKey GM", SoftSkfExtension.USER_PIN, Clock.systemUTC());

            assertThat(Duration.between(Instant.now(), pair.signing().getNotAfter().toInstant()).toDays()).isBetween(28L, 30L);
            assertThat(pair.signing().getSigAlgName()).containsIgnoringCase("SM3");
            // The seeding logs out when done (the login is per device and process): log in again.
            skf.verifyPin(session.app(), PinType.USER, SoftSkfExtension.USER_PIN.toCharArray());
            Handles.Container container = skf.openContainer(session.app(), GmDemoToken.CONTAINER);
            assertThat(skf.exportCertificate(container, true)).isEqualTo(pair.signing().getEncoded());
            assertThat(skf.exportCertificate(container, false)).isEqualTo(pair.encryption().getEncoded());
            EccPublicKey encryptionKey = EccPublicKey.fromUncompressed(
                    SubjectPublicKeyInfo.getInstance(pair.encryption().getPublicKey().getEncoded()).getPublicKeyData().getBytes());
            byte[] secret = "for 王五's encryption certificate".getBytes(StandardCharsets.UTF_8);
            assertThat(skf.decrypt(container, Gm.encrypt(encryptionKey, secret))).isEqualTo(secret);
            assertThat(demo.site().ra().certificates()).extracting(r -> r.der())
                    .contains(pair.signing().getEncoded(), pair.encryption().getEncoded());
        }
    }

    @Test
    void whenTheDeviceIsMissing_thenAClearErrorNamesIt() {
        assertThatThrownBy(() -> token.seed(demo, "No Such GM Key", SoftSkfExtension.USER_PIN, Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no SKF device labelled 'No Such GM Key'");
    }

    @Test
    void whenTheDeviceHoldsAContainer_thenItIsRefusedAndKeepsIt() {
        SkfLibrary skf = SOFTSKF.skf();
        try (SoftSkfExtension.Session session = SOFTSKF.loggedIn("UKey GM Used")) {
            skf.closeContainer(skf.createContainer(session.app(), "old"));

            assertThatThrownBy(() -> token.seed(demo, "UKey GM Used", SoftSkfExtension.USER_PIN, Clock.systemUTC()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("holds containers already");
            assertThat(skf.enumContainers(session.app())).containsExactly("old");
        }
    }
}

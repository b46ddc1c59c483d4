package com.ukeybridge.site.api;

import com.ukeybridge.site.store.DownloadProfile;
import com.ukeybridge.site.testing.ApiClient.Answer;
import com.ukeybridge.site.testing.GmKeys;
import com.ukeybridge.site.testing.SiteFixture;
import com.ukeybridge.site.testing.TestDatabases;
import com.ukeybridge.site.testing.TestKeys;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A site configured without {@code gm} certifies no SM2 key, and issues nothing for one. */
class GmDisabledApiTest {
    @Test
    void whenTheSiteHasNoGmSide_thenAGmDualDownloadIsRefusedAsUnsupportedAndNothingIsIssued() {
        try (SiteFixture fixture = new SiteFixture(TestDatabases.h2(), config -> config.withGm(Optional.empty()))) {
            assertThat(fixture.site.gm()).isEmpty();
            var code = fixture.site.ra().issueCode("CN=王五,O=某单位,C=CN", DownloadProfile.GM_DUAL, "test");

            Answer refused = fixture.api.post("api/downloads/certificate", Map.of("referenceNumber", code.referenceNumber(),
                    "authorizationCode", code.authorizationCode(), "csr", SiteFixture.b64(TestKeys.csr(GmKeys.sm2(), "CN=x"))));

            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.reason()).isEqualTo("UNSUPPORTED_KEY");
            assertThat(fixture.count("SELECT COUNT(*) FROM certificates")).isZero();
            assertThat(fixture.dir.resolve("gm-ca.p12")).doesNotExist();
            assertThat(fixture.dir.resolve("kmc-master.key")).doesNotExist();
        }
    }
}

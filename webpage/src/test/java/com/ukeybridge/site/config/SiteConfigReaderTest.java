package com.ukeybridge.site.config;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SiteConfigReaderTest {
    private static final Path BASE = Path.of("/etc/ukey-site");
    private final SiteConfigReader reader = new SiteConfigReader(Map.of("CA_PW", "from-env", "HSM_PIN", "1234"), true);
    private final SiteConfigReader production = new SiteConfigReader(Map.of("CA_PW", "from-env", "HSM_PIN", "1234"));

    @Test
    void whenEmpty_thenEveryDefault() {
        SiteConfig config = reader.parse("{}", BASE);

        assertThat(config.publicBaseUrl()).isEmpty();
        assertThat(config.rateLimits()).isEqualTo(RateLimitSettings.DEFAULTS);
        assertThat(config.renewal().revokeSuperseded()).isTrue();

        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.basePath()).isEqualTo("/");
        assertThat(config.dataDir()).isEqualTo(BASE.resolve("data"));
        assertThat(config.database()).startsWith("jdbc:h2:file:/etc/ukey-site/data/site");
        assertThat(config.agentUrl()).isEmpty();
        assertThat(config.agentUrls()).containsExactlyElementsOf(SiteConfig.DEFAULT_AGENT_URLS);
        assertThat(config.siteOrigin()).isEmpty();
        assertThat(config.proofOrigins(8080)).extracting(SiteOrigin::value)
                .containsExactly("http://localhost:8080", "http://127.0.0.1:8080", "http://[::1]:8080");
        assertThat(config.caKey()).isEqualTo(new CaKeySource.Pkcs12(BASE.resolve("data/ca.p12"), Optional.empty()));
        assertThat(config.renewal()).isEqualTo(new RenewalSettings(90, 300, 1820, Duration.ofMinutes(5)));
        assertThat(config.download()).isEqualTo(new DownloadSettings(1822, 14, 5));
        assertThat(config.tls()).isEmpty();
    }

    @Test
    void whenEveryKeyIsGiven_thenEachIsRead() {
        SiteConfig config = reader.parse("""
                {"port": 8443, "basePath": "/CaUpdate/", "database": "jdbc:postgresql://db/site", "dataDir": "/var/lib/site",
                 "agentUrl": "wss://127.0.0.1:29443/v1", "caKeystore": "keys/ca.p12", "caKeystorePasswordEnv": "CA_PW",
                 "caSubject": "CN=山东编办证书更新CA,C=CN", "trustedIssuers": ["old-ca.pem"],
                 "renewal": {"daysBefore": 60, "daysAfter": 200, "validityDays": 1000, "challengeMinutes": 3},
                 "download": {"validityDays": 1000, "codeValidDays": 7, "maxAttempts": 3},
                 "tls": {"keystore": "tls.p12", "password": "x"}, "installerUrl": "https://example.gov.cn/agent",
                 "siteOrigin": "https://update.example.gov.cn"}
                """, BASE);

        assertThat(config.port()).isEqualTo(8443);
        assertThat(config.basePath()).isEqualTo("/CaUpdate/");
        assertThat(config.database()).isEqualTo("jdbc:postgresql://db/site");
        assertThat(config.caKey()).isEqualTo(new CaKeySource.Pkcs12(BASE.resolve("keys/ca.p12"), Optional.of("from-env")));
        assertThat(config.trustedIssuers()).containsExactly(BASE.resolve("old-ca.pem"));
        assertThat(config.renewal()).isEqualTo(new RenewalSettings(60, 200, 1000, Duration.ofMinutes(3)));
        assertThat(config.download()).isEqualTo(new DownloadSettings(1000, 7, 3));
        assertThat(config.tls()).contains(new TlsSettings(BASE.resolve("tls.p12"), "x"));
        assertThat(config.installerUrl()).contains(URI.create("https://example.gov.cn/agent"));
        assertThat(config.agentUrls()).containsExactly(URI.create("wss://127.0.0.1:29443/v1"));
        assertThat(config.siteOrigin()).contains(SiteOrigin.parse("https://update.example.gov.cn"));
        assertThat(config.proofOrigins(8443)).extracting(SiteOrigin::value).containsExactly("https://update.example.gov.cn");
    }

    @Test
    void whenSiteOriginIsNotAnOriginAsBrowsersSendIt_thenStopsNamingTheKey() {
        for (String bad : new String[]{"update.example.gov.cn", "https://update.example.gov.cn/", "https://update.example.gov.cn/CaUpdate",
                "https://Update.Example.gov.cn", "https://update.example.gov.cn:443", "http://site:80", "ftp://site", "https://u@site",
                "https://site?x", "https://site#x", "", "https://"}) {
            assertThatThrownBy(() -> reader.parse("{\"siteOrigin\": \"" + bad + "\"}", BASE)).as(bad)
                    .isInstanceOf(ConfigException.class).hasMessageContaining("'siteOrigin'");
        }
        assertThatThrownBy(() -> reader.parse("{\"siteOrigin\": 42}", BASE)).hasMessageContaining("'siteOrigin'");
        assertThat(reader.parse("{\"siteOrigin\": \"https://[2001:db8::1]:8443\"}", BASE).siteOrigin().orElseThrow().value())
                .isEqualTo("https://[2001:db8::1]:8443");
        assertThat(reader.parse("{\"siteOrigin\": \"http://localhost:8080\", \"tls\": {\"keystore\": \"k\", \"password\": \"x\"}}", BASE)
                .proofOrigins(8080)).extracting(SiteOrigin::value).containsExactly("http://localhost:8080");
    }

    @Test
    void whenTheCaKeyIsInAnHsm_thenThePinComesFromTheEnvironment() {
        SiteConfig config = reader.parse("""
                {"caPkcs11": {"module": "/usr/lib/hsm.so", "tokenLabel": "ca", "keyLabel": "issuing", "pinEnv": "HSM_PIN"}}
                """, BASE);

        assertThat(config.caKey()).isEqualTo(new CaKeySource.Pkcs11(Path.of("/usr/lib/hsm.so"), "ca", Optional.of("issuing"), Optional.empty(), "1234"));
    }

    @Test
    void whenNoCaPasswordIsConfiguredOutsideDev_thenRefusedNamingWhereItMayComeFrom() {
        assertThatThrownBy(() -> production.parse("{}", BASE)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("UKEY_SITE_CA_PASSWORD").hasMessageContaining("--dev");
        assertThatThrownBy(() -> production.parse("{\"caKeystorePasswordFile\": \"data/pw\"}", BASE))
                .isInstanceOf(ConfigException.class).hasMessageContaining("beside the CA key");
    }

    @Test
    void whenTheCaPasswordIsInAFileOrASystemdCredential_thenItIsRead(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path secrets = Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(secrets.resolve("ca-pw"), "from-file\n");
        Files.writeString(secrets.resolve("ca-keystore-password"), "from-systemd");

        SiteConfig fromFile = production.parse("{\"caKeystorePasswordFile\": \"secrets/ca-pw\"}", dir);
        SiteConfig fromCredential = new SiteConfigReader(Map.of("CREDENTIALS_DIRECTORY", secrets.toString())).parse("{}", dir);
        SiteConfig fromEnv = new SiteConfigReader(Map.of("UKEY_SITE_CA_PASSWORD", "from-env")).parse("{}", dir);

        assertThat(((CaKeySource.Pkcs12) fromFile.caKey()).password()).contains("from-file");
        assertThat(((CaKeySource.Pkcs12) fromCredential.caKey()).password()).contains("from-systemd");
        assertThat(((CaKeySource.Pkcs12) fromEnv.caKey()).password()).contains("from-env");
        assertThatThrownBy(() -> production.parse("{\"caKeystorePasswordFile\": \"secrets/ca-pw\", \"caKeystorePasswordEnv\": \"CA_PW\"}", dir))
                .hasMessageContaining("exclude each other");
    }

    @Test
    void whenRateLimitsProxiesAndThePublicUrlAreGiven_thenEachIsRead() {
        SiteConfig config = reader.parse("""
                {"publicBaseUrl": "https://update.example.gov.cn/CaUpdate/", "trustedProxies": ["10.0.0.0/8", "::1"],
                 "rateLimits": {"codeChecks": {"perClient": 3}}, "renewal": {"revokeSuperseded": false, "supersedeGraceHours": 1}}
                """, BASE);

        assertThat(config.publicBaseUrl()).contains(URI.create("https://update.example.gov.cn/CaUpdate/"));
        assertThat(config.rateLimits().codeChecks()).isEqualTo(new RateLimitSettings.Limit(3, RateLimitSettings.DEFAULTS.codeChecks().global()));
        assertThat(config.rateLimits().trustedProxies()).extracting(Object::toString).containsExactly("10.0.0.0/8", "::1");
        assertThat(config.renewal().revokeSuperseded()).isFalse();
        assertThat(config.renewal().supersedeGrace()).isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> reader.parse("{\"trustedProxies\": [\"proxy.example\"]}", BASE)).hasMessageContaining("'trustedProxies'");
        assertThatThrownBy(() -> reader.parse("{\"publicBaseUrl\": \"https://x.example/no-slash\"}", BASE)).hasMessageContaining("'publicBaseUrl'");
    }

    @Test
    void whenAKeyIsUnknown_thenStopsNamingIt() {
        assertThatThrownBy(() -> reader.parse("{\"prot\": 1}", BASE)).isInstanceOf(ConfigException.class).hasMessageContaining("'prot'");
        assertThatThrownBy(() -> reader.parse("{\"renewal\": {\"daysbefore\": 1}}", BASE))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'renewal.daysbefore'");
    }

    @Test
    void whenAValueIsMalformed_thenStopsNamingTheKey() {
        assertThatThrownBy(() -> reader.parse("{\"port\": \"80\"}", BASE)).hasMessageContaining("'port'");
        assertThatThrownBy(() -> reader.parse("{\"download\": {\"maxAttempts\": 0}}", BASE)).hasMessageContaining("'download.maxAttempts'");
        assertThatThrownBy(() -> reader.parse("{\"database\": \"mysql://x\"}", BASE)).hasMessageContaining("'database'");
        assertThatThrownBy(() -> reader.parse("{\"agentUrl\": \"http://x\"}", BASE)).hasMessageContaining("'agentUrl'");
        assertThatThrownBy(() -> reader.parse("{\"caKeystorePasswordEnv\": \"MISSING\"}", BASE)).hasMessageContaining("MISSING");
        assertThatThrownBy(() -> reader.parse("{\"caPkcs11\": {\"module\": \"m\", \"tokenLabel\": \"t\", \"keyLabel\": \"k\"}}", BASE))
                .hasMessageContaining("UKEY_SITE_CA_PIN");
        assertThatThrownBy(() -> reader.parse("{\"tls\": {\"keystore\": \"k\"}}", BASE)).hasMessageContaining("'tls'");
        assertThatThrownBy(() -> reader.parse("{\"port\": 1, \"port\": 2}", BASE)).hasMessageContaining("port");
        assertThatThrownBy(() -> reader.parse("[]", BASE)).hasMessageContaining("JSON object");
    }
}

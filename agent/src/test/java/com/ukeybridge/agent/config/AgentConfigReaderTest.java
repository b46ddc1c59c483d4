package com.ukeybridge.agent.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentConfigReaderTest {
    private static final Path BASE = Path.of("/etc/ukey-bridge");
    private final AgentConfigReader reader = new AgentConfigReader(Path.of("/home/clerk/.local/share/ukey-bridge"));

    @Test
    void whenFileIsEmptyObject_thenDefaultsApply() {
        AgentConfig config = reader.parse("{}", BASE);

        assertThat(config.ports()).containsExactly(28443, 28444, 28445, 28446);
        assertThat(config.allowedOrigins()).isEmpty();
        assertThat(config.pkcs11Modules()).isEmpty();
        assertThat(config.warnDays()).isEqualTo(90);
        assertThat(config.dataDir()).isEqualTo(Path.of("/home/clerk/.local/share/ukey-bridge"));
        assertThat(config.tlsDir()).isEqualTo(Path.of("/home/clerk/.local/share/ukey-bridge/tls"));
        assertThat(config.updateSiteUrl()).isEmpty();
        assertThat(config.confirmWrites(false)).isTrue();
        assertThat(config.confirmWrites(true)).isFalse();
    }

    @Test
    void whenEveryKeyIsGiven_thenEachIsRead() {
        AgentConfig config = reader.parse("""
                {"port": 28500,
                 "allowedOrigins": ["https://update.example.gov.cn", "http://localhost:8080"],
                 "pkcs11Modules": ["/usr/lib/softhsm/libsofthsm2.so", "vendor/libukey.so"],
                 "tlsDir": "tls", "dataDir": "/var/lib/ukey", "warnDays": 60,
                 "updateSiteUrl": "https://update.example.gov.cn/", "confirmWrites": false}
                """, BASE);

        assertThat(config.ports()).containsExactly(28500);
        assertThat(config.allowedOrigins()).containsExactly("https://update.example.gov.cn", "http://localhost:8080");
        assertThat(config.pkcs11Modules()).containsExactly(Path.of("/usr/lib/softhsm/libsofthsm2.so"), BASE.resolve("vendor/libukey.so"));
        assertThat(config.tlsDir()).isEqualTo(BASE.resolve("tls"));
        assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/ukey"));
        assertThat(config.warnDays()).isEqualTo(60);
        assertThat(config.updateSiteUrl()).contains(URI.create("https://update.example.gov.cn/"));
        assertThat(config.confirmWrites()).isEqualTo(Optional.of(false));
    }

    @Test
    void whenTlsDirIsAbsent_thenItLivesInDataDir() {
        assertThat(reader.parse("{\"dataDir\": \"/var/lib/ukey\"}", BASE).tlsDir()).isEqualTo(Path.of("/var/lib/ukey/tls"));
    }

    @Test
    void whenKeyIsUnknown_thenTheMessageNamesIt() {
        assertThatThrownBy(() -> reader.parse("{\"allowedOrigin\": []}", BASE))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown configuration key 'allowedOrigin'");
    }

    @Test
    void whenKeyIsRepeated_thenItIsRefused() {
        assertThatThrownBy(() -> reader.parse("{\"port\": 1, \"port\": 2}", BASE))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("port");
    }

    @Test
    void whenPortsAreGiven_thenTheyAreTriedInTheirOrder() {
        assertThat(reader.parse("{\"ports\": [28500, 28443]}", BASE).ports()).containsExactly(28500, 28443);
    }

    @Test
    void whenBothPortsAndPortAreGiven_thenPortsWins() {
        assertThat(reader.parse("{\"port\": 28500, \"ports\": [28600, 28601]}", BASE).ports()).containsExactly(28600, 28601);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"ports\": []}", "{\"ports\": 28443}", "{\"ports\": [28443, 28443]}", "{\"ports\": [0]}",
            "{\"ports\": [\"28443\"]}", "{\"ports\": [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17]}", "{\"ports\": [70000]}"})
    void whenPortsAreMalformed_thenTheMessageNamesThem(String json) {
        assertThatThrownBy(() -> reader.parse(json, BASE)).isInstanceOf(ConfigException.class).hasMessageContaining("'ports'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"port\": \"28443\"}", "{\"port\": 0}", "{\"port\": 70000}", "{\"port\": 1.5}"})
    void whenPortIsMalformed_thenTheMessageNamesIt(String json) {
        assertThatThrownBy(() -> reader.parse(json, BASE)).isInstanceOf(ConfigException.class).hasMessageContaining("'port'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"warnDays\": -1}", "{\"warnDays\": \"90\"}"})
    void whenWarnDaysIsMalformed_thenTheMessageNamesIt(String json) {
        assertThatThrownBy(() -> reader.parse(json, BASE)).isInstanceOf(ConfigException.class).hasMessageContaining("'warnDays'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"confirmWrites\": \"yes\"}", "{\"confirmWrites\": 1}"})
    void whenConfirmWritesIsNotBoolean_thenTheMessageNamesIt(String json) {
        assertThatThrownBy(() -> reader.parse(json, BASE)).isInstanceOf(ConfigException.class).hasMessageContaining("'confirmWrites'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"pkcs11Modules\": \"/usr/lib/x.so\"}", "{\"pkcs11Modules\": [1]}", "{\"pkcs11Modules\": [\"\"]}"})
    void whenModulesAreNotAListOfPaths_thenTheMessageNamesThem(String json) {
        assertThatThrownBy(() -> reader.parse(json, BASE)).isInstanceOf(ConfigException.class).hasMessageContaining("'pkcs11Modules'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://update.example", "update.example", "https://"})
    void whenUpdateSiteUrlIsNotHttp_thenTheMessageNamesIt(String url) {
        assertThatThrownBy(() -> reader.parse("{\"updateSiteUrl\": \"" + url + "\"}", BASE))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'updateSiteUrl'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://site.example/", "https://site.example/path", "HTTPS://site.example", "https://Site.example",
            "https://site.example:443", "http://site.example:80", "https://site.example:0443", "https://site.example:99999",
            "site.example", "*", "null", "https://site.example?x"})
    void whenAnOriginIsNotAsBrowsersSendIt_thenItIsRefused(String origin) {
        assertThatThrownBy(() -> reader.parse("{\"allowedOrigins\": [\"" + origin + "\"]}", BASE))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'allowedOrigins'").hasMessageContaining(origin);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://site.example", "http://localhost:8080", "https://update.example.gov.cn:8008", "http://127.0.0.1:3000", "http://[::1]:8080"})
    void whenAnOriginIsAsBrowsersSendIt_thenItIsKept(String origin) {
        assertThat(reader.parse("{\"allowedOrigins\": [\"" + origin + "\"]}", BASE).allowedOrigins()).containsExactly(origin);
    }

    @Test
    void whenFileIsNotJson_thenTheMessageSaysSo() {
        assertThatThrownBy(() -> reader.parse("{port: 1}", BASE)).isInstanceOf(ConfigException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> reader.parse("[]", BASE)).isInstanceOf(ConfigException.class).hasMessageContaining("JSON object");
    }

    @Test
    void whenFileIsMissing_thenTheMessageNamesIt(@org.junit.jupiter.api.io.TempDir Path dir) {
        Path missing = dir.resolve("nope.json");
        assertThatThrownBy(() -> reader.read(missing)).isInstanceOf(ConfigException.class).hasMessageContaining(missing.toString());
    }

    @Test
    void whenPathsAreRelative_thenTheyAreTakenFromTheFilesFolder(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{\"pkcs11Modules\": [\"lib/module.so\"]}");

        assertThat(reader.read(file).pkcs11Modules()).isEqualTo(List.of(dir.resolve("lib/module.so")));
    }

    @Test
    void whenProtocolsAreNotGiven_thenOnlyVersion2IsServedAndNoPagePin() {
        AgentConfig config = reader.parse("{}", BASE);

        assertThat(config.protocols()).containsExactly(2);
        assertThat(config.pagePin()).isFalse();
        assertThat(config.replaceIssuers()).isEmpty();
    }

    @Test
    void whenProtocolsListBothVersions_thenBothAreServedInOrder() {
        AgentConfig config = reader.parse("{\"protocols\": [2, 1], \"pagePin\": true}", BASE);

        assertThat(config.protocols()).containsExactly(1, 2);
        assertThat(config.pagePin()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[3]", "[0]", "\"2\"", "[\"2\"]", "2"})
    void whenProtocolsAreMalformed_thenTheKeyIsNamed(String value) {
        assertThatThrownBy(() -> reader.parse("{\"protocols\": " + value + "}", BASE))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'protocols'");
    }

    @Test
    void whenReplaceIssuersNameAnOriginNotAllowed_thenTheKeyIsNamed() {
        assertThatThrownBy(() -> reader.parse("{\"allowedOrigins\": [\"https://a.example\"],"
                + " \"replaceIssuers\": {\"https://b.example\": [\"ca.pem\"]}}", BASE))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'replaceIssuers'").hasMessageContaining("https://b.example");
    }

    @Test
    void whenAReplaceIssuerFileIsMissingOrNotPem_thenTheKeyAndFileAreNamed(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("junk.pem"), "not a certificate");
        for (String file : List.of("missing.pem", "junk.pem")) {
            assertThatThrownBy(() -> reader.parse("{\"allowedOrigins\": [\"https://a.example\"],"
                    + " \"replaceIssuers\": {\"https://a.example\": [\"" + file + "\"]}}", dir))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("'replaceIssuers'").hasMessageContaining(file);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://update.example.gov.cn", "http://192.168.1.5:8080", "http://localhost.example.com"})
    void whenAnHttpOriginIsNotOnThisMachine_thenTheAgentRefusesToStartNamingTheKey(String origin) {
        assertThatThrownBy(() -> reader.parse("{\"allowedOrigins\": [\"" + origin + "\"]}", BASE))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'allowedOrigins'").hasMessageContaining(origin)
                .hasMessageContaining("https://");
    }
}

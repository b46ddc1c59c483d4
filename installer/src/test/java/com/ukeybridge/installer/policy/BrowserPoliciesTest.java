package com.ukeybridge.installer.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class BrowserPoliciesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ORIGINS = List.of("https://update.example.gov.cn", "http://localhost:8080");

    @TempDir
    Path root;

    private BrowserPolicies policies() {
        return new BrowserPolicies(PolicyLocations.under(root), root.resolve("var/lib/ukey-bridge/browser-policies.json"));
    }

    private Path firefox() {
        return root.resolve("etc/firefox/policies/policies.json");
    }

    private JsonNode read(Path file) throws Exception {
        return JSON.readTree(Files.readString(file));
    }

    @Test
    void whenInstalled_thenEveryChromiumBrowserAllowsTheOriginsToReachLoopback() throws Exception {
        policies().install(ORIGINS);

        for (String dir : List.of("etc/opt/chrome/policies/managed", "etc/chromium/policies/managed",
                "etc/opt/edge/policies/managed")) {
            JsonNode policy = read(root.resolve(dir).resolve("ukey-bridge.json"));
            assertThat(policy.get("LoopbackNetworkAllowedForUrls")).extracting(JsonNode::asText)
                    .containsExactly("https://update.example.gov.cn", "http://localhost:8080");
            assertThat(policy.get("LocalNetworkAccessAllowedForUrls")).extracting(JsonNode::asText)
                    .containsExactly("https://update.example.gov.cn", "http://localhost:8080");
            assertThat(Files.getPosixFilePermissions(root.resolve(dir).resolve("ukey-bridge.json")))
                    .extracting(Object::toString).contains("OTHERS_READ");
        }
        assertThat(read(firefox()).at("/policies/LocalNetworkAccess/SkipDomains")).extracting(JsonNode::asText)
                .containsExactly("update.example.gov.cn", "localhost");
    }

    @Test
    void whenUninstalled_thenNothingWeMadeRemains() throws Exception {
        policies().install(ORIGINS);

        policies().uninstall();

        assertThat(root.resolve("etc/opt")).doesNotExist();
        assertThat(root.resolve("etc/chromium")).doesNotExist();
        assertThat(root.resolve("etc/firefox")).doesNotExist();
        assertThat(root.resolve("var/lib/ukey-bridge/browser-policies.json")).doesNotExist();
        assertThat(root.resolve("etc")).doesNotExist();
    }

    @Test
    void whenFirefoxHasOtherPolicies_thenOnlyOurEntriesComeAndGo() throws Exception {
        Files.createDirectories(firefox().getParent());
        Files.writeString(firefox(), """
                {"policies": {"DisableTelemetry": true,
                              "Certificates": {"Install": ["/etc/firefox/policies/ukey-bridge-local-root.pem"]},
                              "LocalNetworkAccess": {"Enabled": true, "SkipDomains": ["printer.example", "localhost"]}}}
                """);

        policies().install(ORIGINS);
        assertThat(read(firefox()).at("/policies/LocalNetworkAccess/SkipDomains")).extracting(JsonNode::asText)
                .containsExactly("printer.example", "localhost", "update.example.gov.cn");

        policies().uninstall();
        JsonNode after = read(firefox());
        assertThat(after.at("/policies/LocalNetworkAccess/SkipDomains")).extracting(JsonNode::asText)
                .containsExactly("printer.example", "localhost");
        assertThat(after.at("/policies/LocalNetworkAccess/Enabled").asBoolean()).isTrue();
        assertThat(after.at("/policies/DisableTelemetry").asBoolean()).isTrue();
        assertThat(after.at("/policies/Certificates/Install/0").asText()).endsWith("ukey-bridge-local-root.pem");
    }

    @Test
    void whenFirefoxFileWasThereButHeldOnlyOurs_thenItStaysAsAnEmptyDocument() throws Exception {
        Files.createDirectories(firefox().getParent());
        Files.writeString(firefox(), "{}");

        policies().install(ORIGINS);
        policies().uninstall();

        assertThat(firefox()).exists();
        assertThat(read(firefox()).isEmpty()).isTrue();
    }

    @Test
    void whenInstalledAgainWithOtherOrigins_thenTheOldOnesAreGone() throws Exception {
        policies().install(ORIGINS);

        policies().install(List.of("https://new.example.gov.cn"));

        assertThat(read(root.resolve("etc/chromium/policies/managed/ukey-bridge.json")).get("LoopbackNetworkAllowedForUrls"))
                .extracting(JsonNode::asText).containsExactly("https://new.example.gov.cn");
        assertThat(read(firefox()).at("/policies/LocalNetworkAccess/SkipDomains")).extracting(JsonNode::asText)
                .containsExactly("new.example.gov.cn");
        policies().uninstall();
        assertThat(root.resolve("etc")).doesNotExist();
    }

    @Test
    void whenNoOriginIsAllowed_thenNoPolicyIsWritten() {
        assertThat(policies().install(List.of())).isEmpty();
        assertThat(root.resolve("etc")).doesNotExist();
    }

    @Test
    void whenAFolderHoldsSomeoneElsesPolicy_thenTheFolderStays() throws Exception {
        policies().install(ORIGINS);
        Path theirs = root.resolve("etc/chromium/policies/managed/site.json");
        Files.writeString(theirs, "{}");

        policies().uninstall();

        assertThat(theirs).exists();
        assertThat(root.resolve("etc/chromium/policies/managed/ukey-bridge.json")).doesNotExist();
    }

    @Test
    void whenFirefoxPolicyIsNotAnObject_thenItIsLeftAloneAndTheErrorNamesIt() throws Exception {
        Files.createDirectories(firefox().getParent());
        Files.writeString(firefox(), "{\"policies\": {\"LocalNetworkAccess\": {\"SkipDomains\": \"x\"}}}");

        assertThatThrownBy(() -> policies().install(ORIGINS))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("SkipDomains is not a list");
        assertThat(Files.readString(firefox())).contains("\"SkipDomains\": \"x\"");
    }

    @Test
    void whenOriginHasPortOrIpv6_thenFirefoxGetsTheBareHost() {
        assertThat(BrowserPolicies.hosts(List.of("https://a.example:8443", "http://[::1]:8080", "https://a.example")))
                .containsExactly("a.example", "::1");
    }
}

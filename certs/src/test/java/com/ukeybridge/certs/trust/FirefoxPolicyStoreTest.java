package com.ukeybridge.certs.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class FirefoxPolicyStoreTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private JsonNode read(Path file) throws Exception {
        return JSON.readTree(Files.readString(file));
    }

    @Test
    void whenThereIsNoPolicyFile_thenOneIsCreatedWithOurRootOnly() throws Exception {
        LocalRootFile root = TestRoots.ours(temp.resolve("tls"));
        Path file = temp.resolve("etc/firefox/policies/policies.json");

        FirefoxPolicyStore store = new FirefoxPolicyStore(file);
        TrustStore.Installation installation = store.install(root);

        // D is owner-only; Firefox runs as each user, so the policy names a world-readable copy beside it.
        Path copy = file.resolveSibling("ukey-bridge-local-root.pem");
        assertThat(installation).isEqualTo(new TrustStore.Installation(copy.toString(), true, true));
        assertThat(read(file)).isEqualTo(JSON.readTree(
                "{\"policies\":{\"Certificates\":{\"Install\":[" + JSON.writeValueAsString(copy.toString()) + "]}}}"));
        assertThat(Files.readString(copy)).isEqualTo(Files.readString(root.file()));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy))).isEqualTo("rw-r--r--");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
    }

    @Test
    void whenOtherPoliciesExist_thenTheyAreKeptAndOurEntryIsAddedOnce() throws Exception {
        LocalRootFile root = TestRoots.ours(temp.resolve("tls"));
        Path file = temp.resolve("policies.json");
        Files.writeString(file, """
                {"policies": {"DisableTelemetry": true,
                              "Certificates": {"ImportEnterpriseRoots": true, "Install": ["/etc/corp/root.pem"]}},
                 "comment": "managed by IT"}
                """);
        FirefoxPolicyStore store = new FirefoxPolicyStore(file);

        assertThat(store.install(root).createdContainer()).isFalse();
        assertThat(store.install(root).changed()).isFalse();

        JsonNode policies = read(file).get("policies");
        assertThat(policies.get("DisableTelemetry").asBoolean()).isTrue();
        assertThat(policies.get("Certificates").get("ImportEnterpriseRoots").asBoolean()).isTrue();
        assertThat(policies.get("Certificates").get("Install")).containsExactly(
                JSON.getNodeFactory().textNode("/etc/corp/root.pem"), JSON.getNodeFactory().textNode(store.rootCopy().toString()));
        assertThat(read(file).get("comment").asText()).isEqualTo("managed by IT");
        assertThat(store.status(root).present()).isTrue();
    }

    @Test
    void whenRemovedFromAFileWeDidNotCreate_thenOnlyOurEntryGoesAndTheFileStays() throws Exception {
        LocalRootFile root = TestRoots.ours(temp.resolve("tls"));
        Path file = temp.resolve("policies.json");
        Files.writeString(file, "{\"policies\": {\"DisableTelemetry\": true}}");
        FirefoxPolicyStore store = new FirefoxPolicyStore(file);
        TrustStore.Installation installation = store.install(root);
        RecordedEntry entry = RecordedEntry.of(store.id(), installation.name(), root.sha256(), installation.createdContainer());

        List<String> removed = store.remove(List.of(root.known()), List.of(entry));

        assertThat(removed).containsExactly(store.rootCopy().toString());
        assertThat(read(file)).isEqualTo(JSON.readTree("{\"policies\": {\"DisableTelemetry\": true}}"));
        assertThat(store.rootCopy()).doesNotExist();
        assertThat(store.status(root).present()).isFalse();
    }

    @Test
    void whenRemovedFromTheFileWeCreated_thenTheFileIsDeleted() throws Exception {
        LocalRootFile root = TestRoots.ours(temp.resolve("tls"));
        Path file = temp.resolve("policies/policies.json");
        FirefoxPolicyStore store = new FirefoxPolicyStore(file);
        TrustStore.Installation installation = store.install(root);
        RecordedEntry entry = RecordedEntry.of(store.id(), installation.name(), root.sha256(), installation.createdContainer());

        store.remove(List.of(root.known()), List.of(entry));

        assertThat(file).doesNotExist();
        assertThat(store.rootCopy()).doesNotExist();
        try (var left = Files.list(file.getParent())) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void whenSomeoneAddedPoliciesToTheFileWeCreated_thenItStaysWithTheirs() throws Exception {
        LocalRootFile root = TestRoots.ours(temp.resolve("tls"));
        Path file = temp.resolve("policies.json");
        FirefoxPolicyStore store = new FirefoxPolicyStore(file);
        TrustStore.Installation installation = store.install(root);
        String withTheirs = Files.readString(file).replaceFirst("\\{", "{\"extra\": 1,");
        Files.writeString(file, withTheirs.replace("\"policies\" : {", "\"policies\" : {\"DisableTelemetry\": true,"));
        RecordedEntry entry = RecordedEntry.of(store.id(), installation.name(), root.sha256(), true);

        store.remove(List.of(root.known()), List.of(entry));

        assertThat(read(file)).isEqualTo(JSON.readTree("{\"extra\": 1, \"policies\": {\"DisableTelemetry\": true}}"));
    }

    @Test
    void whenTheRecordIsLost_thenAnEntryWhoseFileHoldsOurRootIsStillRemoved() throws Exception {
        LocalRootFile root = TestRoots.ours(temp.resolve("tls"));
        Path file = temp.resolve("policies.json");
        Files.writeString(file, "{\"policies\": {\"Certificates\": {\"Install\": [\"other.pem\"]}}}");
        FirefoxPolicyStore store = new FirefoxPolicyStore(file);
        store.install(root);

        assertThat(store.remove(List.of(root.known()), List.of())).containsExactly(store.rootCopy().toString());
        assertThat(read(file)).isEqualTo(JSON.readTree("{\"policies\": {\"Certificates\": {\"Install\": [\"other.pem\"]}}}"));
    }

    @Test
    void whenANewRootIsInstalled_thenTheCopyIsReplacedInPlaceAndStillListedOnce() throws Exception {
        Path file = temp.resolve("policies.json");
        FirefoxPolicyStore store = new FirefoxPolicyStore(file);
        LocalRootFile first = TestRoots.ours(temp.resolve("tls"));
        store.install(first);
        LocalRootFile second = TestRoots.ours(temp.resolve("tls"));

        assertThat(store.status(second).present()).isFalse();
        assertThat(store.install(second).changed()).isTrue();

        assertThat(Files.readString(store.rootCopy())).isEqualTo(Files.readString(second.file()));
        assertThat(read(file).get("policies").get("Certificates").get("Install")).hasSize(1);
        assertThat(store.status(second).present()).isTrue();
        // Removing the older root now must not take the newer one's entry or copy with it.
        assertThat(store.remove(List.of(first.known()), List.of())).isEmpty();
        assertThat(store.status(second).present()).isTrue();
    }

    @Test
    void whenThePolicyFileIsNotJson_thenInstallFailsAndLeavesItAlone() throws Exception {
        LocalRootFile root = TestRoots.ours(temp.resolve("tls"));
        Path file = Files.writeString(temp.resolve("policies.json"), "{ not json");

        assertThatThrownBy(() -> new FirefoxPolicyStore(file).install(root))
                .isInstanceOf(TrustStoreException.class)
                .hasMessageStartingWith(file + " is not valid JSON (")
                .hasMessageEndingWith("); left unchanged");
        assertThat(Files.readString(file)).isEqualTo("{ not json");
    }
}

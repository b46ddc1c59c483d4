package com.ukeybridge.certs.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemCaStoreTest {
    @TempDir
    Path temp;

    private static final List<String> UPDATE = List.of("update-ca-certificates");

    @Test
    void whenInstalled_thenACrtFileIsWrittenReadableByAllAndTheStoreIsRebuilt() throws Exception {
        LocalRootFile root = TestRoots.ours(temp.resolve("tls"));
        Path caDir = temp.resolve("ca-certificates");
        RecordingRunner runner = new RecordingRunner();

        TrustStore.Installation installation = new SystemCaStore(caDir, UPDATE, runner).install(root);

        Path file = caDir.resolve(SystemCaStore.fileName(root));
        assertThat(installation).isEqualTo(new TrustStore.Installation(file.toString(), true, true));
        assertThat(file.getFileName().toString()).matches("ukey-bridge-local-root-[0-9a-f]{16}\\.crt");
        assertThat(Files.readString(file)).isEqualTo(Files.readString(root.file()));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
        assertThat(runner.commands).containsExactly(UPDATE);
    }

    @Test
    void whenInstalledTwice_thenOneFile() throws Exception {
        LocalRootFile root = TestRoots.ours(temp.resolve("tls"));
        Path caDir = temp.resolve("ca-certificates");
        SystemCaStore store = new SystemCaStore(caDir, UPDATE, new RecordingRunner());

        store.install(root);
        TrustStore.Installation second = store.install(root);

        assertThat(second.changed()).isFalse();
        try (var files = Files.list(caDir)) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void whenRemoved_thenOnlyOurFileGoesAndTheStoreIsRebuiltFresh() throws Exception {
        LocalRootFile root = TestRoots.ours(temp.resolve("tls"));
        Path caDir = temp.resolve("ca-certificates");
        TestRoots.foreign(caDir.resolve("corporate.crt"), "Corporate Root");
        // A foreign root under a name like ours is still foreign.
        TestRoots.foreign(caDir.resolve("ukey-bridge-local-root-0000000000000000.crt"), "Impostor");
        RecordingRunner runner = new RecordingRunner();
        SystemCaStore store = new SystemCaStore(caDir, UPDATE, runner);
        store.install(root);
        runner.commands.clear();

        List<String> removed = store.remove(List.of(root.known()), List.of());

        assertThat(removed).containsExactly(caDir.resolve(SystemCaStore.fileName(root)).toString());
        assertThat(caDir.resolve(SystemCaStore.fileName(root))).doesNotExist();
        assertThat(caDir.resolve("corporate.crt")).exists();
        assertThat(caDir.resolve("ukey-bridge-local-root-0000000000000000.crt")).exists();
        assertThat(runner.commands).containsExactly(List.of("update-ca-certificates", "--fresh"));
        runner.commands.clear();
        assertThat(store.remove(List.of(root.known()), List.of())).isEmpty();
        assertThat(runner.commands).isEmpty();
    }

    @Test
    void whenAskedForStatus_thenItNamesTheFile() {
        LocalRootFile root = TestRoots.ours(temp.resolve("tls"));
        Path caDir = temp.resolve("ca-certificates");
        SystemCaStore store = new SystemCaStore(caDir, UPDATE, new RecordingRunner());
        String file = caDir.resolve(SystemCaStore.fileName(root)).toString();

        assertThat(store.status(root)).isEqualTo(new TrustStore.Presence(false, file, ""));
        store.install(root);
        assertThat(store.status(root)).isEqualTo(new TrustStore.Presence(true, file, ""));
    }

    @Test
    void whenTheUpdateCommandFails_thenInstallFailsNamingItAndTheNextInstallRunsItAgain() {
        LocalRootFile root = TestRoots.ours(temp.resolve("tls"));
        Path caDir = temp.resolve("ca-certificates");
        SystemCaStore failing = new SystemCaStore(caDir, UPDATE,
                new RecordingRunner(command -> RecordingRunner.failure(command, 1, "E: hook failed")));

        assertThatThrownBy(() -> failing.install(root))
                .isInstanceOf(CommandFailedException.class)
                .hasMessage("'update-ca-certificates' exited with 1: E: hook failed");

        RecordingRunner runner = new RecordingRunner();
        new SystemCaStore(caDir, UPDATE, runner).install(root);
        assertThat(runner.commands).containsExactly(UPDATE);
    }

    /**
     * Debian's real update-ca-certificates, pointed at a temporary tree with its own options
     * (--certsconf, --certsdir, --localcertsdir, --etccertsdir, --hooksdir): /etc is never touched.
     */
    @Test
    @Tag("system-ca")
    void whenTheRealUpdateCommandRunsOnATemporaryTree_thenTheBundleGainsAndLosesOurRoot() throws Exception {
        LocalRootFile root = TestRoots.ours(temp.resolve("tls"));
        Path share = Files.createDirectories(temp.resolve("usr/share/ca-certificates"));
        Path local = temp.resolve("usr/local/share/ca-certificates");
        Path etc = Files.createDirectories(temp.resolve("etc/ssl/certs"));
        TestRoots.foreign(share.resolve("distro/Distro_Root.crt"), "Distro Root");
        Path conf = Files.writeString(temp.resolve("etc/ca-certificates.conf"), "distro/Distro_Root.crt\n");
        List<String> update = new ArrayList<>(List.of("update-ca-certificates",
                "--certsconf", conf.toString(), "--certsdir", share.toString(), "--localcertsdir", local.toString(),
                "--etccertsdir", etc.toString(), "--hooksdir", temp.resolve("no-hooks").toString()));
        SystemCaStore store = new SystemCaStore(local, update, RecordingRunner.passingThrough());
        String ourPem = Files.readString(root.file()).strip();

        store.install(root);

        Path bundle = etc.resolve("ca-certificates.crt");
        assertThat(Files.readString(bundle)).contains(ourPem);
        assertThat(etc.resolve(SystemCaStore.fileName(root).replace(".crt", ".pem"))).isSymbolicLink();

        store.remove(List.of(root.known()), List.of());

        assertThat(Files.readString(bundle)).doesNotContain(ourPem).contains("BEGIN CERTIFICATE");
        assertThat(etc.resolve(SystemCaStore.fileName(root).replace(".crt", ".pem"))).doesNotExist();
        assertThat(etc.resolve("Distro_Root.pem")).isSymbolicLink();
    }
}

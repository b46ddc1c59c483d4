package com.ukeybridge.certs.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("nss")
class NssDatabaseStoreTest {
    @TempDir
    Path temp;

    private final RecordingRunner runner = RecordingRunner.passingThrough();

    private NssDatabaseStore store(Path database, boolean create) {
        return new NssDatabaseStore(StoreKind.CHROME_NSS, database, create, "certutil", runner);
    }

    @Test
    void whenInstalled_thenCertutilListsTheNicknameTrustedForTlsServers() throws Exception {
        LocalRootFile root = TestRoots.ours(temp.resolve("tls"));
        Path database = Nss.database(temp.resolve("nssdb"));

        TrustStore.Installation installation = store(database, false).install(root);

        assertThat(installation.changed()).isTrue();
        assertThat(installation.name()).isEqualTo(root.nickname()).startsWith("UKey Bridge local root ");
        assertThat(Nss.linesNaming(database, root.nickname())).singleElement()
                .satisfies(line -> assertThat(line.strip()).endsWith("C,,"));
        assertThat(runner.commands).contains(List.of("certutil", "-A", "-d", "sql:" + database, "-n", root.nickname(),
                "-t", "C,,", "-i", temp.resolve("tls/root.pem").toString()));
    }

    @Test
    void whenInstalledTwice_thenTheDatabaseHoldsOneEntryAndTheSecondChangesNothing() throws Exception {
        LocalRootFile root = TestRoots.ours(temp.resolve("tls"));
        Path database = Nss.database(temp.resolve("nssdb"));

        store(database, false).install(root);
        TrustStore.Installation second = store(database, false).install(root);

        assertThat(second.changed()).isFalse();
        assertThat(Nss.linesNaming(database, root.nickname())).hasSize(1);
        assertThat(runner.commands.stream().filter(command -> command.contains("-A"))).hasSize(1);
    }

    @Test
    void whenRemoved_thenOurRootIsGoneAndForeignRootsAreUntouched() throws Exception {
        LocalRootFile root = TestRoots.ours(temp.resolve("tls"));
        Path database = Nss.database(temp.resolve("nssdb"));
        TestRoots.foreign(temp.resolve("foreign.pem"), "Someone Else's Root");
        TestRoots.foreign(temp.resolve("impostor.pem"), "Impostor");
        Nss.add(database, "Someone Else's Root", temp.resolve("foreign.pem"));
        // Named like ours, but not ours: its fingerprint decides, not its name.
        Nss.add(database, "UKey Bridge local root 0000000000000000", temp.resolve("impostor.pem"));
        NssDatabaseStore store = store(database, false);
        store.install(root);

        List<String> removed = store.remove(List.of(root.known()), List.of());

        assertThat(removed).containsExactly(root.nickname());
        assertThat(Nss.linesNaming(database, root.nickname())).isEmpty();
        assertThat(Nss.linesNaming(database, "Someone Else's Root")).hasSize(1);
        assertThat(Nss.linesNaming(database, "UKey Bridge local root 0000000000000000")).hasSize(1);
        assertThat(store.remove(List.of(root.known()), List.of())).isEmpty();
    }

    @Test
    void whenAskedForStatus_thenItSaysPresentWithTrustOrAbsent() throws Exception {
        LocalRootFile root = TestRoots.ours(temp.resolve("tls"));
        Path database = Nss.database(temp.resolve("nssdb"));
        NssDatabaseStore store = store(database, false);

        assertThat(store.status(root).present()).isFalse();
        store.install(root);
        TrustStore.Presence presence = store.status(root);

        assertThat(presence.present()).isTrue();
        assertThat(presence.name()).isEqualTo(root.nickname());
        assertThat(presence.detail()).isEqualTo("trust C,,");
        assertThat(store(temp.resolve("none"), false).status(root))
                .isEqualTo(new TrustStore.Presence(false, root.nickname(), "no database yet"));
    }

    @Test
    void whenThereIsNoDatabaseAndCreatingIsAllowed_thenAnEmptyPasswordlessOneIsMadeFirst() {
        LocalRootFile root = TestRoots.ours(temp.resolve("tls"));
        Path database = temp.resolve("home/.local/share/pki/nssdb");

        TrustStore.Installation installation = store(database, true).install(root);

        assertThat(installation.createdContainer()).isTrue();
        assertThat(database.resolve("cert9.db")).isRegularFile();
        assertThat(runner.commands.get(0)).containsExactly("certutil", "-N", "--empty-password", "-d", "sql:" + database);
        assertThat(Nss.linesNaming(database, root.nickname())).hasSize(1);
    }

    @Test
    void whenThereIsNoDatabaseAndCreatingIsNotAllowed_thenInstallFailsNamingIt() {
        LocalRootFile root = TestRoots.ours(temp.resolve("tls"));
        Path profile = temp.resolve("profile");

        assertThatThrownBy(() -> store(profile, false).install(root))
                .isInstanceOf(TrustStoreException.class)
                .hasMessage("No NSS database at " + profile);
    }

    @Test
    void whenCertutilFails_thenTheExceptionNamesTheCommand() {
        LocalRootFile root = TestRoots.ours(temp.resolve("tls"));
        Path database = temp.resolve("db");
        NssDatabaseStore store = new NssDatabaseStore(StoreKind.CHROME_NSS, database, true, "certutil",
                new RecordingRunner(command -> RecordingRunner.failure(command, 255, "certutil: bad database")));

        assertThatThrownBy(() -> store.install(root))
                .isInstanceOf(CommandFailedException.class)
                .hasMessage("'certutil -N --empty-password -d sql:" + database + "' exited with 255: certutil: bad database");
    }
}

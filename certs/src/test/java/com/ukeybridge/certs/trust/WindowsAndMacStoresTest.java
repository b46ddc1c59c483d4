package com.ukeybridge.certs.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Windows and macOS cannot run here: these check the exact command lines the stores would run,
 * through the command-runner seam, with the tools' answers scripted.
 */
class WindowsAndMacStoresTest {
    @TempDir
    Path temp;

    /** certutil.exe -store exits 0 when the certificate is there and non-zero (CRYPT_E_NOT_FOUND) when not. */
    private static RecordingRunner windows(boolean present) {
        return new RecordingRunner(command -> command.contains("-store")
                ? (present ? RecordingRunner.ok(command, "") : RecordingRunner.failure(command, -2146885628, "CRYPT_E_NOT_FOUND"))
                : RecordingRunner.ok(command, ""));
    }

    @Test
    void whenElevatedOnWindows_thenTheRootGoesSilentlyToLocalMachineRoot() {
        LocalRootFile root = TestRoots.ours(temp);
        RecordingRunner runner = windows(false);

        TrustStore.Installation installation = new WindowsRootStore(WindowsRootStore.Scope.LOCAL_MACHINE, runner).install(root);

        String sha1 = root.known().sha1();
        assertThat(installation).isEqualTo(new TrustStore.Installation(sha1, true, false));
        assertThat(runner.commands).containsExactly(
                List.of("certutil.exe", "-store", "Root", sha1),
                List.of("certutil.exe", "-addstore", "-f", "Root", root.file().toString()));
    }

    @Test
    void whenNotElevatedOnWindows_thenCurrentUserRootIsUsed() {
        LocalRootFile root = TestRoots.ours(temp);
        RecordingRunner runner = windows(false);

        new WindowsRootStore(WindowsRootStore.Scope.CURRENT_USER, runner).install(root);

        assertThat(runner.commands.get(1)).containsExactly("certutil.exe", "-user", "-addstore", "-f", "Root", root.file().toString());
    }

    @Test
    void whenAlreadyInTheWindowsStore_thenNothingIsAdded() {
        LocalRootFile root = TestRoots.ours(temp);
        RecordingRunner runner = windows(true);

        assertThat(new WindowsRootStore(WindowsRootStore.Scope.LOCAL_MACHINE, runner).install(root).changed()).isFalse();
        assertThat(runner.commands).hasSize(1);
    }

    @Test
    void whenUninstallingOnWindows_thenEachPresentRootOfOursIsDeletedByThumbprint() {
        LocalRootFile root = TestRoots.ours(temp);
        RecordingRunner runner = windows(true);
        KnownRoot older = new KnownRoot("00", "ABCDEF0123456789ABCDEF0123456789ABCDEF01", "CN=older");

        List<String> removed = new WindowsRootStore(WindowsRootStore.Scope.CURRENT_USER, runner)
                .remove(List.of(root.known(), older), List.of());

        assertThat(removed).containsExactly(root.known().sha1(), older.sha1());
        assertThat(runner.commands).contains(
                List.of("certutil.exe", "-user", "-delstore", "Root", root.known().sha1()),
                List.of("certutil.exe", "-user", "-delstore", "Root", older.sha1()));
    }

    @Test
    void whenInstallingOnMac_thenAddTrustedCertPutsItInTheSystemKeychainAsTrustRoot() {
        LocalRootFile root = TestRoots.ours(temp);
        RecordingRunner runner = new RecordingRunner(command -> RecordingRunner.ok(command,
                "SHA-256 hash: 11\nSHA-1 hash: 0123456789ABCDEF0123456789ABCDEF01234567\nkeychain: \"/Library/Keychains/System.keychain\"\n"));

        TrustStore.Installation installation = new MacKeychainStore(MacKeychainStore.SYSTEM_KEYCHAIN, runner).install(root);

        assertThat(installation.changed()).isTrue();
        assertThat(runner.commands).containsExactly(
                List.of("security", "find-certificate", "-a", "-Z", "/Library/Keychains/System.keychain"),
                List.of("security", "add-trusted-cert", "-d", "-r", "trustRoot", "-k",
                        "/Library/Keychains/System.keychain", root.file().toString()));
    }

    @Test
    void whenAUserInstallsOnMac_thenTheRootGoesInTheirLoginKeychainWithTheirOwnTrustForTlsOnly() {
        LocalRootFile root = TestRoots.ours(temp);
        RecordingRunner runner = new RecordingRunner(command -> RecordingRunner.ok(command, ""));
        Platform user = new Platform(Platform.Os.MACOS, false, Path.of("/Users/clerk"));

        TrustStores.select(user, new TrustStores.Selection(List.of(), false), StoreLocations.defaults(), runner).install(root, temp);

        String login = "/Users/clerk/Library/Keychains/login.keychain-db";
        assertThat(runner.commands).contains(List.of("security", "add-trusted-cert", "-r", "trustRoot", "-p", "ssl", "-k",
                login, root.file().toString()));
        assertThat(runner.commands).noneMatch(command -> command.contains("/Library/Keychains/System.keychain") || command.contains("-d"));
    }

    @Test
    void whenOurRootIsInTheMacKeychain_thenStatusSaysSoAndUninstallDeletesItWithItsTrustSettings() {
        LocalRootFile root = TestRoots.ours(temp);
        String sha1 = root.known().sha1();
        RecordingRunner runner = new RecordingRunner(command -> RecordingRunner.ok(command,
                "keychain: \"/Library/Keychains/System.keychain\"\nSHA-1 hash: " + sha1.toLowerCase() + "\n"));
        MacKeychainStore store = new MacKeychainStore(MacKeychainStore.SYSTEM_KEYCHAIN, runner);

        assertThat(store.status(root).present()).isTrue();
        assertThat(store.install(root).changed()).isFalse();
        assertThat(store.remove(List.of(root.known()), List.of())).containsExactly(sha1);

        assertThat(runner.commands).endsWith(
                List.of("security", "delete-certificate", "-Z", sha1, "-t", "/Library/Keychains/System.keychain"));
        assertThat(runner.commands).noneMatch(command -> command.contains("add-trusted-cert"));
    }

    @Test
    void whenWindowsSaysTheHighMandatoryLevelIsInTheToken_thenTheProcessIsElevated() {
        assertThat(Platform.windowsElevated(new RecordingRunner(command -> RecordingRunner.ok(command,
                "Mandatory Label\\High Mandatory Level Label S-1-16-12288")))).isTrue();
        assertThat(Platform.windowsElevated(new RecordingRunner(command -> RecordingRunner.ok(command,
                "Mandatory Label\\Medium Mandatory Level Label S-1-16-8192")))).isFalse();
    }
}

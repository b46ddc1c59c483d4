package com.ukeybridge.certs.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.ukeybridge.certs.trust.StoreReport.Outcome;

/**
 * The symlink refusals (any user) and root's refusals of other users' files (as root only: they
 * need files owned by another uid, made with chown; CI runs as root).
 */
class HomeBoundaryTest {
    /** Debian's "nobody": a uid that is surely not root's and not ours. */
    private static final String OTHER_USER = "nobody";

    @TempDir
    Path temp;

    private final RecordingRunner runner = new RecordingRunner(command -> RecordingRunner.ok(command, ""));

    private TrustStores select(boolean root, Path home) {
        return TrustStores.select(new Platform(Platform.Os.LINUX, root, home), new TrustStores.Selection(List.of(home), false),
                StoreLocations.defaults(), runner);
    }

    private static List<StoreReport> refusals(TrustStores stores, Path dir) {
        return stores.status(TestRoots.ours(dir), dir).stream().filter(StoreReport::failed).toList();
    }

    @Test
    void whenTheChromeDatabaseIsASymlinkOutOfTheHome_thenItIsRefusedAndCertutilNeverRuns() throws Exception {
        Path home = Files.createDirectories(temp.resolve("home"));
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere/nssdb"));
        Files.createDirectories(home.resolve(".pki"));
        Files.createSymbolicLink(home.resolve(".pki/nssdb"), elsewhere);

        TrustStores stores = select(false, home);

        assertThat(stores.stores()).isEmpty();
        assertThat(refusals(stores, Files.createDirectories(temp.resolve("tls"))))
                .singleElement().extracting(StoreReport::detail).asString().contains("leads out of the home");
        assertThat(runner.commands).isEmpty();
    }

    @Test
    void whenProfilesIniNamesAProfileOutsideTheHome_thenThatProfileIsRefusedAndTheOthersKept() throws Exception {
        Path home = Files.createDirectories(temp.resolve("home"));
        Path base = Files.createDirectories(home.resolve(".mozilla/firefox"));
        Path inside = Files.createDirectories(base.resolve("in.default"));
        Files.writeString(inside.resolve("cert9.db"), "");
        Path outside = Files.createDirectories(temp.resolve("outside.default"));
        Files.writeString(outside.resolve("cert9.db"), "");
        Files.writeString(base.resolve("profiles.ini"), """
                [Profile0]
                IsRelative=1
                Path=in.default
                [Profile1]
                IsRelative=0
                Path=%s
                """.formatted(outside));

        TrustStores stores = select(false, home);

        assertThat(stores.stores()).extracting(TrustStore::id).extracting(StoreId::location)
                .contains(inside.toString()).doesNotContain(outside.toString());
        assertThat(refusals(stores, Files.createDirectories(temp.resolve("tls"))))
                .extracting(StoreReport::store).extracting(StoreId::location).containsExactly(outside.toString());
    }

    @Test
    void whenTheFirefoxFolderIsASymlinkOutOfTheHome_thenItsProfilesIniIsNotRead() throws Exception {
        Path home = Files.createDirectories(temp.resolve("home"));
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere/firefox"));
        Files.createDirectories(elsewhere.resolve("p.default"));
        Files.writeString(elsewhere.resolve("p.default/cert9.db"), "");
        Files.writeString(elsewhere.resolve("profiles.ini"), "[Profile0]\nIsRelative=1\nPath=p.default\n");
        Files.createDirectories(home.resolve(".mozilla"));
        Files.createSymbolicLink(home.resolve(".mozilla/firefox"), elsewhere);

        assertThat(FirefoxProfiles.in(HomeBoundary.of(home, false))).isEmpty();
    }

    @Test
    void whenASymlinkStaysInTheHome_thenItIsFollowed() throws Exception {
        Path home = Files.createDirectories(temp.resolve("home"));
        Path real = Files.createDirectories(home.resolve("disk/nssdb"));
        Files.createDirectories(home.resolve(".pki"));
        Files.createSymbolicLink(home.resolve(".pki/nssdb"), real);

        assertThat(HomeBoundary.of(home, false).check(home.resolve(".pki/nssdb"), NssDatabaseStore.FILES))
                .isEqualTo(home.resolve(".pki/nssdb"));
    }

    @Test
    void whenRootIsGivenAHomeAnotherUserOwns_thenItIsRefusedAndCertutilNeverRuns() throws Exception {
        assumeRoot();
        Path home = Files.createDirectories(temp.resolve("home"));
        Nss.database(home.resolve(".pki/nssdb"));
        Files.writeString(home.resolve(".pki/nssdb/pkcs11.txt"), "library=/tmp/evil.so\nname=evil\n",
                java.nio.file.StandardOpenOption.APPEND);
        giveTo(OTHER_USER, home);

        TrustStores stores = select(true, home);

        assertThat(stores.stores()).isEmpty();
        assertThat(refusals(stores, Files.createDirectories(temp.resolve("tls"))))
                .singleElement().extracting(StoreReport::detail).asString()
                .contains("root does not act on another user's files");
        assertThat(runner.commands).isEmpty();
    }

    @Test
    void whenRootsHomeHoldsADatabaseFileAnotherUserOwns_thenThatDatabaseIsRefused() throws Exception {
        assumeRoot();
        Path home = Files.createDirectories(temp.resolve("home"));
        Path database = Nss.database(home.resolve(".pki/nssdb"));
        giveTo(OTHER_USER, database.resolve("pkcs11.txt"));

        assertThatThrownBy(() -> HomeBoundary.of(home, true).check(database, NssDatabaseStore.FILES))
                .isInstanceOf(HomeRefusedException.class).hasMessageContaining("pkcs11.txt").hasMessageContaining("belongs to uid");
    }

    @Test
    void whenRootsFolderMayBeWrittenByOthers_thenRootRefusesIt() throws Exception {
        assumeRoot();
        Path shared = Files.createDirectories(temp.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThatThrownBy(() -> HomeBoundary.requireRootOnly(shared.resolve("tls"), List.of("root.pem")))
                .isInstanceOf(HomeRefusedException.class).hasMessageContaining("other users");
    }

    @Test
    void whenRootsOwnHomeAndFolderAreRoots_thenTheyAreAccepted() throws Exception {
        assumeRoot();
        Path home = Files.createDirectories(temp.resolve("home"));
        Nss.database(home.resolve(".pki/nssdb"));

        TrustStores stores = select(true, home);

        assertThat(stores.stores()).extracting(TrustStore::id).extracting(StoreId::location)
                .containsExactly(home.resolve(".pki/nssdb").toString());
        HomeBoundary.requireRootOnly(temp.resolve("not-yet/tls"), List.of("root.pem"));
    }

    private static void assumeRoot() {
        assumeTrue(Platform.detect(CommandRunner.system()).elevated(), "needs root: files owned by another user are made with chown");
    }

    /** Hands {@code path} and everything under it to {@code user}, as a home of theirs would be. */
    private static void giveTo(String user, Path path) throws Exception {
        UserPrincipal owner = path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
        try (var paths = Files.walk(path)) {
            for (Path each : paths.toList()) {
                Files.setOwner(each, owner);
            }
        }
    }
}

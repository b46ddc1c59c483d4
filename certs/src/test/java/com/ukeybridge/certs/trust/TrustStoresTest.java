package com.ukeybridge.certs.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.ukeybridge.certs.trust.StoreReport.Outcome;

@Tag("nss")
class TrustStoresTest {
    @TempDir
    Path temp;

    private final CommandRunner real = CommandRunner.system();
    /** certutil for real; update-ca-certificates stubbed (recorded, succeeds). */
    private final RecordingRunner runner = new RecordingRunner(
            command -> command.get(0).equals("update-ca-certificates") ? RecordingRunner.ok(command, "") : real.run(command));

    private StoreLocations locations() {
        return StoreLocations.defaults()
                .withSystemCaDirectory(temp.resolve("usr/local/share/ca-certificates"))
                .withFirefoxPolicies(temp.resolve("etc/firefox/policies/policies.json"));
    }

    private TrustStores stores(Platform.Os os, boolean system, Path... homes) {
        // Not elevated: whether root may act on a home is HomeBoundaryTest's, on real files owned by real users.
        Platform platform = new Platform(os, false, temp.resolve("invoker"));
        return TrustStores.select(platform, new TrustStores.Selection(List.of(homes), system), locations(), runner);
    }

    private Path homeWithFirefox(String name) throws Exception {
        Path home = Files.createDirectories(temp.resolve(name));
        Path base = home.resolve(".mozilla/firefox");
        Nss.database(base.resolve("p1.default-release"));
        Files.writeString(base.resolve("profiles.ini"), "[Profile0]\nName=default\nIsRelative=1\nPath=p1.default-release\n");
        return home;
    }

    private static List<StoreId> ids(TrustStores stores) {
        return stores.stores().stream().map(TrustStore::id).toList();
    }

    @Test
    void whenLinuxAsAUser_thenEachHomesChromeDatabaseAndFirefoxProfilesAreChosenButNoMachineWideStore() throws Exception {
        Path alice = homeWithFirefox("alice");
        Path bob = Files.createDirectories(temp.resolve("bob"));
        Files.createDirectories(bob.resolve(".pki/nssdb"));

        TrustStores stores = stores(Platform.Os.LINUX, false, alice, bob);

        assertThat(ids(stores)).containsExactly(
                new StoreId(StoreKind.CHROME_NSS, alice.resolve(".local/share/pki/nssdb").toString()),
                new StoreId(StoreKind.FIREFOX_PROFILE, alice.resolve(".mozilla/firefox/p1.default-release").toString()),
                new StoreId(StoreKind.CHROME_NSS, bob.resolve(".pki/nssdb").toString()));
    }

    @Test
    void whenLinuxAsRoot_thenTheSystemStoreAndFirefoxPolicyAreChosenToo() {
        TrustStores stores = stores(Platform.Os.LINUX, true);

        assertThat(ids(stores)).containsExactly(
                new StoreId(StoreKind.SYSTEM_CA, temp.resolve("usr/local/share/ca-certificates").toString()),
                new StoreId(StoreKind.FIREFOX_POLICY, temp.resolve("etc/firefox/policies/policies.json").toString()));
    }

    @Test
    void whenWindowsOrMac_thenTheirStoreIsChosenByPrivilege() {
        assertThat(ids(stores(Platform.Os.WINDOWS, true))).extracting(StoreId::kind).containsExactly(StoreKind.WINDOWS_MACHINE_ROOT);
        assertThat(ids(stores(Platform.Os.WINDOWS, false))).extracting(StoreId::kind).containsExactly(StoreKind.WINDOWS_USER_ROOT);
        assertThat(ids(stores(Platform.Os.MACOS, true))).extracting(StoreId::kind).containsExactly(StoreKind.MACOS_KEYCHAIN);
    }

    @Test
    void whenANewRootIsInstalled_thenOurOlderRootIsRemovedFromEveryStoreAndFromTheRecord() throws Exception {
        Path dir = temp.resolve("tls");
        Path home = homeWithFirefox("alice");
        LocalRootFile first = TestRoots.ours(dir);
        stores(Platform.Os.LINUX, true, home).install(first, dir);
        LocalRootFile second = TestRoots.ours(dir);

        List<StoreReport> reports = stores(Platform.Os.LINUX, true, home).install(second, dir);

        assertThat(reports).noneMatch(StoreReport::failed);
        assertThat(reports).filteredOn(report -> report.store().kind() == StoreKind.CHROME_NSS).singleElement()
                .satisfies(report -> assertThat(report.detail()).isEqualTo("removed our older root(s): " + first.nickname()));
        for (Path database : List.of(home.resolve(".local/share/pki/nssdb"), home.resolve(".mozilla/firefox/p1.default-release"))) {
            assertThat(Nss.linesNaming(database, second.nickname())).hasSize(1);
            assertThat(Nss.listing(database)).doesNotContain(first.nickname());
        }
        try (var files = Files.list(temp.resolve("usr/local/share/ca-certificates"))) {
            assertThat(files).containsExactly(temp.resolve("usr/local/share/ca-certificates").resolve(SystemCaStore.fileName(second)));
        }
        TrustRecord record = TrustRecord.load(dir);
        assertThat(record.roots()).containsExactly(second.known());
        assertThat(record.entries()).hasSize(4).allMatch(entry -> entry.sha256().equals(second.sha256()));
        // The policy file names D/root.pem, which now holds the new root: one entry, still "created by us".
        assertThat(record.entries()).filteredOn(entry -> entry.store().equals("firefox-policy")).singleElement()
                .satisfies(entry -> assertThat(entry.createdContainer()).isTrue());
    }

    @Test
    void whenUninstalling_thenStoresRecordedEarlierAreCleanedEvenIfNotSelectedNow() throws Exception {
        Path dir = temp.resolve("tls");
        Path alice = homeWithFirefox("alice");
        Path bob = Files.createDirectories(temp.resolve("bob"));
        LocalRootFile root = TestRoots.ours(dir);
        stores(Platform.Os.LINUX, true, alice).install(root, dir);

        List<StoreReport> reports = stores(Platform.Os.LINUX, false, bob).uninstall(dir);

        assertThat(reports).noneMatch(StoreReport::failed);
        assertThat(reports).filteredOn(report -> report.outcome() == Outcome.REMOVED).extracting(report -> report.store().kind())
                .containsExactlyInAnyOrder(StoreKind.CHROME_NSS, StoreKind.FIREFOX_PROFILE, StoreKind.SYSTEM_CA, StoreKind.FIREFOX_POLICY);
        assertThat(Nss.listing(alice.resolve(".local/share/pki/nssdb"))).doesNotContain(root.nickname());
        assertThat(temp.resolve("etc/firefox/policies/policies.json")).doesNotExist();
        assertThat(dir.resolve(TrustRecord.FILE)).doesNotExist();
        assertThat(runner.commands).contains(List.of("update-ca-certificates", "--fresh"));
    }

    @Test
    void whenOneStoreFails_thenTheOthersAreStillDoneAndOnlyTheirsAreRecorded() throws Exception {
        Path dir = temp.resolve("tls");
        Path home = homeWithFirefox("alice");
        Path policies = temp.resolve("etc/firefox/policies/policies.json");
        Files.createDirectories(policies.getParent());
        Files.writeString(policies, "[broken");
        LocalRootFile root = TestRoots.ours(dir);

        List<StoreReport> reports = stores(Platform.Os.LINUX, true, home).install(root, dir);

        assertThat(reports).filteredOn(StoreReport::failed).singleElement()
                .satisfies(report -> assertThat(report.store().kind()).isEqualTo(StoreKind.FIREFOX_POLICY));
        assertThat(reports).filteredOn(report -> report.outcome() == Outcome.INSTALLED).hasSize(3);
        assertThat(TrustRecord.load(dir).entries()).extracting(RecordedEntry::store)
                .containsExactly("system-ca", "chrome-nss", "firefox-profile");
    }

    @Test
    void whenAskedForStatus_thenEachStoreSaysPresentOrAbsentAndMachineWideOnesNotApplicableForAUser() throws Exception {
        Path dir = temp.resolve("tls");
        Path home = homeWithFirefox("alice");
        LocalRootFile root = TestRoots.ours(dir);
        TrustStores stores = stores(Platform.Os.LINUX, false, home);

        assertThat(stores.status(root, dir)).extracting(StoreReport::outcome)
                .containsExactly(Outcome.NOT_APPLICABLE, Outcome.NOT_APPLICABLE, Outcome.ABSENT, Outcome.ABSENT);
        stores.install(root, dir);
        assertThat(stores.status(root, dir)).extracting(StoreReport::outcome)
                .containsExactly(Outcome.NOT_APPLICABLE, Outcome.NOT_APPLICABLE, Outcome.PRESENT, Outcome.PRESENT);
    }
}

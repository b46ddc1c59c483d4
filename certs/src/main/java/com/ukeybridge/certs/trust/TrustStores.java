package com.ukeybridge.certs.trust;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.ukeybridge.certs.trust.StoreReport.Outcome;

/**
 * The stores one command acts on, chosen for the OS, the privileges and the homes, and the
 * three operations over all of them. A store that fails is reported and the others carry
 * on. {@code D/installed-roots.json} records every root and entry, so uninstall, and the
 * replacement of an older root by a newer one, reach stores recorded by earlier runs too.
 */
public final class TrustStores {
    private static final Logger LOG = LoggerFactory.getLogger(TrustStores.class);

    private final List<TrustStore> stores;
    private final List<StoreReport> notApplicable;
    private final StoreLocations locations;
    private final CommandRunner runner;
    private final boolean root;

    /**
     * @param notApplicable what every command reports before acting: stores that do not apply here, and refused ones
     * @param root whether this process is root: then stores recorded by earlier runs are acted on only if root owns them
     */
    TrustStores(List<TrustStore> stores, List<StoreReport> notApplicable, StoreLocations locations, CommandRunner runner,
                boolean root) {
        this.stores = List.copyOf(stores);
        this.notApplicable = List.copyOf(notApplicable);
        this.locations = locations;
        this.runner = runner;
        this.root = root;
    }

    /**
     * What to act on.
     *
     * @param homes the users' home directories whose browser databases to change (Linux)
     * @param system whether to change machine-wide stores (Linux system store and Firefox policy; Windows LocalMachine)
     */
    public record Selection(List<Path> homes, boolean system) {
        public Selection {
            homes = homes.stream().map(home -> home.toAbsolutePath().normalize()).distinct().toList();
        }
    }

    /** The stores for {@code platform}: see the class description of each store for what it changes. */
    public static TrustStores select(Platform platform, Selection selection, StoreLocations locations,
                                     CommandRunner runner) {
        List<TrustStore> stores = new ArrayList<>();
        List<StoreReport> notApplicable = new ArrayList<>();
        switch (platform.os()) {
            case LINUX -> {
                SystemCaStore systemCa = new SystemCaStore(locations.systemCaDirectory(), locations.updateCaCommand(), runner);
                FirefoxPolicyStore policy = new FirefoxPolicyStore(locations.firefoxPolicies());
                if (selection.system()) {
                    stores.add(systemCa);
                    stores.add(policy);
                } else {
                    String why = "machine-wide: used as root, or with --system";
                    notApplicable.add(new StoreReport(systemCa.id(), Outcome.NOT_APPLICABLE, "", why));
                    notApplicable.add(new StoreReport(policy.id(), Outcome.NOT_APPLICABLE, "", why));
                }
                for (Path home : selection.homes()) {
                    addHome(stores, notApplicable, home, platform.elevated(), locations, runner);
                }
            }
            case WINDOWS -> {
                WindowsRootStore machine = new WindowsRootStore(WindowsRootStore.Scope.LOCAL_MACHINE, runner);
                WindowsRootStore user = new WindowsRootStore(WindowsRootStore.Scope.CURRENT_USER, runner);
                if (selection.system()) {
                    stores.add(machine);
                    notApplicable.add(new StoreReport(user.id(), Outcome.NOT_APPLICABLE, "", "LocalMachine is used when elevated"));
                } else {
                    stores.add(user);
                    notApplicable.add(new StoreReport(machine.id(), Outcome.NOT_APPLICABLE, "", "needs an elevated administrator"));
                }
            }
            // As root the System keychain, for every user; otherwise this user's login keychain, for this user only.
            case MACOS -> stores.add(new MacKeychainStore(selection.system() ? locations.macKeychain()
                    : platform.userHome().resolve(MacKeychainStore.LOGIN_KEYCHAIN), runner));
            case OTHER -> LOG.warn("No trust stores known for {}", System.getProperty("os.name"));
        }
        return new TrustStores(stores, notApplicable, locations, runner, platform.os() != Platform.Os.WINDOWS && platform.elevated());
    }

    /**
     * A home's Chrome/Chromium database and Firefox profiles, each only if it stays in the home
     * (and, for root, belongs to root): what does not is reported as refused, and never touched.
     */
    private static void addHome(List<TrustStore> stores, List<StoreReport> reports, Path home, boolean root,
                                StoreLocations locations, CommandRunner runner) {
        HomeBoundary boundary;
        try {
            boundary = HomeBoundary.of(home, root);
        } catch (HomeRefusedException e) {
            reports.add(refused(new StoreId(StoreKind.CHROME_NSS, home.toString()), e));
            return;
        }
        Path chrome = chromeDatabase(home);
        try {
            boundary.check(chrome, NssDatabaseStore.FILES);
            stores.add(new NssDatabaseStore(StoreKind.CHROME_NSS, chrome, true, locations.certutil(), runner));
        } catch (HomeRefusedException e) {
            reports.add(refused(new StoreId(StoreKind.CHROME_NSS, chrome.toString()), e));
        }
        List<Path> profiles = FirefoxProfiles.in(boundary);
        if (profiles.isEmpty()) {
            reports.add(new StoreReport(new StoreId(StoreKind.FIREFOX_PROFILE, home.toString()),
                    Outcome.NOT_APPLICABLE, "", "no Firefox profile with a certificate database"));
        }
        for (Path profile : profiles) {
            try {
                boundary.check(profile, NssDatabaseStore.FILES);
                stores.add(new NssDatabaseStore(StoreKind.FIREFOX_PROFILE, profile, false, locations.certutil(), runner));
            } catch (HomeRefusedException e) {
                reports.add(refused(new StoreId(StoreKind.FIREFOX_PROFILE, profile.toString()), e));
            }
        }
    }

    private static StoreReport refused(StoreId id, HomeRefusedException e) {
        LOG.warn("{}: {}", id, e.getMessage());
        return new StoreReport(id, Outcome.FAILED, "", e.getMessage());
    }

    /**
     * Chrome 146 and later use {@code ~/.local/share/pki/nssdb}; earlier ones, and a database
     * already in use, {@code ~/.pki/nssdb}. The old place wins where it exists.
     */
    static Path chromeDatabase(Path home) {
        Path legacy = home.resolve(".pki/nssdb");
        return Files.isDirectory(legacy) ? legacy : home.resolve(".local/share/pki/nssdb");
    }

    List<TrustStore> stores() {
        return stores;
    }

    /**
     * Adds {@code root} to every selected store, then removes our older roots from them and from
     * every store the record lists. The record in {@code dir} is updated as each store finishes.
     */
    public List<StoreReport> install(LocalRootFile root, Path dir) {
        KnownRoot current = root.known();
        TrustRecord record = TrustRecord.load(dir).withRoot(current);
        // Recorded before any store is touched: even an interrupted install leaves the fingerprint behind.
        record.save(dir);
        Set<KnownRoot> older = record.roots().stream()
                .filter(known -> !known.sha256().equals(current.sha256()))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        List<StoreReport> reports = new ArrayList<>(notApplicable);
        for (TrustStore store : stores) {
            StoreReport report;
            try {
                TrustStore.Installation installation = store.install(root);
                boolean createdBefore = record.entriesIn(store.id()).stream()
                        .anyMatch(entry -> entry.name().equals(installation.name()) && entry.createdContainer());
                record = record.withEntry(RecordedEntry.of(store.id(), installation.name(), current.sha256(),
                        installation.createdContainer() || createdBefore));
                record.save(dir);
                String replaced = "";
                if (!older.isEmpty()) {
                    List<RecordedEntry> olderHere = record.entriesIn(store.id()).stream()
                            .filter(entry -> !entry.sha256().equals(current.sha256()))
                            .toList();
                    List<String> removed = store.remove(older, olderHere);
                    record = record.withoutEntries(entry -> entry.storeId().equals(store.id())
                            && !entry.sha256().equals(current.sha256()));
                    record.save(dir);
                    replaced = removed.isEmpty() ? "" : "removed our older root(s): " + String.join(", ", removed);
                }
                report = new StoreReport(store.id(), installation.changed() ? Outcome.INSTALLED : Outcome.ALREADY_PRESENT,
                        installation.name(), replaced);
            } catch (RuntimeException e) {
                report = failed(store, e);
            }
            reports.add(report);
        }
        // Older roots in stores recorded by earlier runs but not selected now (another home, say).
        for (TrustStore store : recordedElsewhere(record)) {
            List<RecordedEntry> olderHere = record.entriesIn(store.id()).stream()
                    .filter(entry -> !entry.sha256().equals(current.sha256()))
                    .toList();
            if (olderHere.isEmpty()) {
                continue;
            }
            try {
                List<String> removed = store.remove(older, olderHere);
                record = record.withoutEntries(entry -> entry.storeId().equals(store.id())
                        && !entry.sha256().equals(current.sha256()));
                reports.add(new StoreReport(store.id(), removed.isEmpty() ? Outcome.NOTHING_TO_REMOVE : Outcome.REMOVED,
                        String.join(", ", removed), "our older root, recorded by an earlier install"));
            } catch (RuntimeException e) {
                reports.add(failed(store, e));
            }
        }
        record.withoutUnusedRoots(Set.of(current.sha256())).save(dir);
        return reports;
    }

    /**
     * Removes every root of ours (recorded, and the one in {@code dir} now) from the selected
     * stores and from every recorded one. Certificates that are not ours are never touched.
     */
    public List<StoreReport> uninstall(Path dir) {
        TrustRecord record = TrustRecord.load(dir);
        Map<String, KnownRoot> ours = new LinkedHashMap<>();
        record.roots().forEach(root -> ours.put(root.sha256(), root));
        currentRoot(dir).ifPresent(root -> ours.putIfAbsent(root.sha256(), root.known()));
        List<StoreReport> reports = new ArrayList<>(notApplicable);
        List<TrustStore> all = new ArrayList<>(stores);
        all.addAll(recordedElsewhere(record));
        for (TrustStore store : all) {
            try {
                List<String> removed = store.remove(ours.values(), record.entriesIn(store.id()));
                record = record.withoutEntries(entry -> entry.storeId().equals(store.id()));
                record.save(dir);
                reports.add(new StoreReport(store.id(), removed.isEmpty() ? Outcome.NOTHING_TO_REMOVE : Outcome.REMOVED,
                        String.join(", ", removed), ""));
            } catch (RuntimeException e) {
                reports.add(failed(store, e));
            }
        }
        record.withoutUnusedRoots(Set.of()).save(dir);
        return reports;
    }

    /** Whether {@code root} is in each selected store, and in each store recorded by an earlier install. */
    public List<StoreReport> status(LocalRootFile root, Path dir) {
        TrustRecord record = TrustRecord.load(dir);
        List<StoreReport> reports = new ArrayList<>(notApplicable);
        List<TrustStore> all = new ArrayList<>(stores);
        all.addAll(recordedElsewhere(record));
        for (TrustStore store : all) {
            try {
                TrustStore.Presence presence = store.status(root);
                long older = record.entriesIn(store.id()).stream()
                        .filter(entry -> !entry.sha256().equals(root.sha256())).count();
                String detail = presence.detail();
                if (older > 0) {
                    detail = (detail.isEmpty() ? "" : detail + "; ") + older + " older root(s) of ours recorded here";
                }
                reports.add(new StoreReport(store.id(), presence.present() ? Outcome.PRESENT : Outcome.ABSENT,
                        presence.name(), detail));
            } catch (RuntimeException e) {
                reports.add(failed(store, e));
            }
        }
        return reports;
    }

    private static java.util.Optional<LocalRootFile> currentRoot(Path dir) {
        try {
            return java.util.Optional.of(LocalRootFile.read(dir));
        } catch (RuntimeException e) {
            LOG.debug("No current root in {}: {}", dir, e.getMessage());
            return java.util.Optional.empty();
        }
    }

    private List<TrustStore> recordedElsewhere(TrustRecord record) {
        Set<StoreId> selected = stores.stream().map(TrustStore::id).collect(Collectors.toSet());
        return record.recordedStores().stream()
                .filter(id -> !selected.contains(id))
                .map(this::rebuild)
                .toList();
    }

    /**
     * A store recorded by an earlier run, to remove from or report on; it is never created anew. As root,
     * a recorded NSS database is opened only if root owns it and everything above it (an older version
     * recorded users' databases; certutil would load their pkcs11.txt modules as root).
     */
    private TrustStore rebuild(StoreId id) {
        Path location = Path.of(id.location());
        if (root && (id.kind() == StoreKind.CHROME_NSS || id.kind() == StoreKind.FIREFOX_PROFILE)) {
            try {
                HomeBoundary.of(location, true).check(location, NssDatabaseStore.FILES);
            } catch (HomeRefusedException e) {
                return new RefusedStore(id, e);
            }
        }
        return switch (id.kind()) {
            case SYSTEM_CA -> new SystemCaStore(location, locations.updateCaCommand(), runner);
            case CHROME_NSS, FIREFOX_PROFILE -> new NssDatabaseStore(id.kind(), location, false, locations.certutil(), runner);
            case FIREFOX_POLICY -> new FirefoxPolicyStore(location);
            case WINDOWS_MACHINE_ROOT -> new WindowsRootStore(WindowsRootStore.Scope.LOCAL_MACHINE, runner);
            case WINDOWS_USER_ROOT -> new WindowsRootStore(WindowsRootStore.Scope.CURRENT_USER, runner);
            case MACOS_KEYCHAIN -> new MacKeychainStore(location, runner);
        };
    }

    /** A recorded store root must not open: every operation reports why, so the command says so and goes on. */
    private record RefusedStore(StoreId id, HomeRefusedException why) implements TrustStore {
        @Override
        public Presence status(LocalRootFile root) {
            throw why;
        }

        @Override
        public Installation install(LocalRootFile root) {
            throw why;
        }

        @Override
        public List<String> remove(java.util.Collection<KnownRoot> roots, List<RecordedEntry> recorded) {
            throw why;
        }
    }

    private static StoreReport failed(TrustStore store, RuntimeException e) {
        LOG.warn("{}: {}", store.id(), e.getMessage());
        LOG.debug("{} failed", store.id(), e);
        return new StoreReport(store.id(), Outcome.FAILED, "", String.valueOf(e.getMessage()));
    }
}

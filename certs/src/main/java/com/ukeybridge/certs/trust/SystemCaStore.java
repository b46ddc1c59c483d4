package com.ukeybridge.certs.trust;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Debian's system store: a {@code .crt} file in {@code /usr/local/share/ca-certificates}, then
 * {@code update-ca-certificates} to rebuild {@code /etc/ssl/certs} (and, through its hooks,
 * Java's cacerts). Files are found by the fingerprint of what they hold, not by name, so a
 * foreign file is never touched whatever it is called.
 */
final class SystemCaStore implements TrustStore {
    private static final Logger LOG = LoggerFactory.getLogger(SystemCaStore.class);

    /** Run after removing a file: without it Debian's script leaves the removed root's links in place. */
    static final String FRESH = "--fresh";

    private final StoreId id;
    private final Path directory;
    private final List<String> updateCommand;
    private final CommandRunner runner;

    SystemCaStore(Path directory, List<String> updateCommand, CommandRunner runner) {
        this.directory = directory.toAbsolutePath().normalize();
        this.id = new StoreId(StoreKind.SYSTEM_CA, this.directory.toString());
        this.updateCommand = List.copyOf(updateCommand);
        this.runner = runner;
    }

    @Override
    public StoreId id() {
        return id;
    }

    /** {@code ukey-bridge-local-root-<16 hex>.crt}: the suffix is what update-ca-certificates reads. */
    static String fileName(LocalRootFile root) {
        return "ukey-bridge-local-root-" + root.shortId().toLowerCase(Locale.ROOT) + ".crt";
    }

    @Override
    public Presence status(LocalRootFile root) {
        return find(List.of(root.known()))
                .map(file -> new Presence(true, file.toString(), ""))
                .orElseGet(() -> new Presence(false, directory.resolve(fileName(root)).toString(), ""));
    }

    @Override
    public Installation install(LocalRootFile root) {
        Optional<Path> existing = find(List.of(root.known()));
        Path file = existing.orElse(directory.resolve(fileName(root)));
        boolean createdDirectory = !Files.isDirectory(directory);
        if (existing.isEmpty()) {
            try {
                Files.createDirectories(directory);
                Path temp = Files.createTempFile(directory, ".ukey-bridge-", ".tmp");
                try {
                    Files.copy(root.file(), temp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    if (temp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
                    }
                    Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(temp);
                }
            } catch (IOException e) {
                throw new TrustStoreException("Cannot write " + file + ": " + describe(e), e);
            }
            LOG.info("Wrote {}", file);
        }
        // Always: a run whose update failed last time must still rebuild the bundle this time.
        runner.runChecked(updateCommand);
        return new Installation(file.toString(), existing.isEmpty(), createdDirectory);
    }

    @Override
    public List<String> remove(Collection<KnownRoot> roots, List<RecordedEntry> recorded) {
        List<String> removed = new ArrayList<>();
        for (Path file : ours(roots)) {
            try {
                Files.delete(file);
            } catch (IOException e) {
                throw new TrustStoreException("Cannot remove " + file + ": " + describe(e), e);
            }
            removed.add(file.toString());
            LOG.info("Removed {}", file);
        }
        if (!removed.isEmpty()) {
            List<String> fresh = new ArrayList<>(updateCommand);
            fresh.add(FRESH);
            runner.runChecked(fresh);
        }
        return removed;
    }

    private Optional<Path> find(Collection<KnownRoot> roots) {
        return ours(roots).stream().findFirst();
    }

    /** The .crt files that hold only certificates of {@code roots}. */
    private List<Path> ours(Collection<KnownRoot> roots) {
        if (!Files.isDirectory(directory) || roots.isEmpty()) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "*.crt")) {
            for (Path file : entries) {
                if (!Files.isRegularFile(file) || Files.size(file) > 1_000_000) {
                    continue;
                }
                var certificates = Fingerprints.certificatesIn(Files.readAllBytes(file));
                if (!certificates.isEmpty() && certificates.stream()
                        .allMatch(certificate -> roots.stream().anyMatch(root -> root.matches(certificate)))) {
                    files.add(file);
                }
            }
        } catch (IOException e) {
            throw new TrustStoreException("Cannot read " + directory + ": " + describe(e), e);
        }
        files.sort(null);
        return files;
    }

    private static String describe(IOException e) {
        return e instanceof java.nio.file.AccessDeniedException ? "permission denied (run as root)" : String.valueOf(e.getMessage());
    }
}

package com.ukeybridge.certs.trust;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * {@code D/installed-roots.json}: every root of ours we registered and where we put it. This
 * is what makes uninstall exact: only certificates with these fingerprints are ever removed,
 * and stores recorded here are cleaned even when a later run is not asked about them.
 * Immutable; the {@code with…} methods return a changed copy.
 */
public final class TrustRecord {
    public static final String FILE = "installed-roots.json";
    static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final List<KnownRoot> roots;
    private final List<RecordedEntry> entries;

    private TrustRecord(List<KnownRoot> roots, List<RecordedEntry> entries) {
        this.roots = List.copyOf(roots);
        this.entries = List.copyOf(entries);
    }

    static TrustRecord empty() {
        return new TrustRecord(List.of(), List.of());
    }

    /** The file's shape on disk. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Json(int version, List<KnownRoot> roots, List<RecordedEntry> entries) {
    }

    /**
     * Reads {@code D/installed-roots.json}; an absent file is an empty record.
     *
     * @throws InstalledRootsFileException when it exists but cannot be read or parsed
     */
    public static TrustRecord load(Path dir) {
        Path file = dir.resolve(FILE);
        try {
            Json json = JSON.readValue(Files.readString(file), Json.class);
            return new TrustRecord(json.roots() == null ? List.of() : json.roots(),
                    json.entries() == null ? List.of() : json.entries());
        } catch (NoSuchFileException e) {
            return empty();
        } catch (IOException | IllegalArgumentException e) {
            throw new InstalledRootsFileException(file, e);
        }
    }

    /** Writes the record whole (temporary file, then rename), or removes the file when nothing is left in it. */
    public void save(Path dir) {
        Path file = dir.resolve(FILE);
        try {
            if (roots.isEmpty() && entries.isEmpty()) {
                Files.deleteIfExists(file);
                return;
            }
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, "." + FILE + ".", ".tmp");
            try {
                Files.writeString(temp, JSON.writeValueAsString(new Json(VERSION, roots, entries)) + "\n");
                try {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise the installed-roots record", e);
        } catch (IOException e) {
            throw new InstalledRootsFileException(file, e);
        }
    }

    public List<KnownRoot> roots() {
        return roots;
    }

    public List<RecordedEntry> entries() {
        return entries;
    }

    List<RecordedEntry> entriesIn(StoreId id) {
        return entries.stream().filter(entry -> entry.storeId().equals(id)).toList();
    }

    /** The stores with entries, in the order first recorded. */
    Set<StoreId> recordedStores() {
        Set<StoreId> ids = new LinkedHashSet<>();
        entries.forEach(entry -> ids.add(entry.storeId()));
        return ids;
    }

    TrustRecord withRoot(KnownRoot root) {
        Map<String, KnownRoot> bySha256 = new LinkedHashMap<>();
        roots.forEach(known -> bySha256.put(known.sha256(), known));
        bySha256.put(root.sha256(), root);
        return new TrustRecord(new ArrayList<>(bySha256.values()), entries);
    }

    /** Adds {@code entry}, replacing one for the same store, location and name. */
    TrustRecord withEntry(RecordedEntry entry) {
        List<RecordedEntry> kept = new ArrayList<>(entries.stream().filter(e -> !e.sameSlot(entry)).toList());
        kept.add(entry);
        return new TrustRecord(roots, kept);
    }

    TrustRecord withoutEntries(Predicate<RecordedEntry> which) {
        return new TrustRecord(roots, entries.stream().filter(which.negate()).toList());
    }

    /** Forgets roots no entry refers to any more, except {@code keep}. */
    TrustRecord withoutUnusedRoots(Set<String> keepSha256) {
        return new TrustRecord(roots.stream()
                .filter(root -> keepSha256.contains(root.sha256())
                        || entries.stream().anyMatch(entry -> entry.sha256().equals(root.sha256())))
                .toList(), entries);
    }
}

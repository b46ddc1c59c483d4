package com.ukeybridge.certs.trust;

import java.util.Objects;

/**
 * One line of installed-roots.json: we put the root with fingerprint {@code sha256} into
 * store {@code store} at {@code location}, under {@code name} (nickname, file, policy path
 * or thumbprint).
 *
 * @param createdContainer the database or file did not exist before we made it
 */
public record RecordedEntry(String store, String location, String name, String sha256, boolean createdContainer) {
    public RecordedEntry {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sha256, "sha256");
    }

    static RecordedEntry of(StoreId id, String name, String sha256, boolean createdContainer) {
        return new RecordedEntry(id.kind().key(), id.location(), name, sha256, createdContainer);
    }

    StoreId storeId() {
        return new StoreId(StoreKind.fromKey(store), location);
    }

    boolean sameSlot(RecordedEntry other) {
        return store.equals(other.store) && location.equals(other.location) && name.equals(other.name);
    }
}
